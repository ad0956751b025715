import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { screenshotDir, useBrowserApp } from './browser-app.ts'
import { openSignedIn } from './editing.testing.ts'

// Two planners with the same plot open: the second save merges against the version both started
// from, so neither loses a change the other did not touch.

const app = useBrowserApp()

async function plotId(externalId: string): Promise<number> {
  const [row] = await app().db.sql<{ id: number }[]>`select id from plots where external_id = ${externalId}`
  if (!row) throw new Error(`no plot ${externalId}`)
  return row.id
}

async function openForEditing(page: Page, id: number): Promise<void> {
  await openSignedIn(page, app().baseUrl, `/plots/${id}`)
  await page.getByRole('button', { name: 'Ausgewähltes Objekt bearbeiten' }).click()
  await expect.poll(() => page.getByLabel('Name').inputValue()).not.toBe('')
}

async function stored(id: number) {
  const [row] = await app().db.sql<
    { previous_use: string | null; description: string | null; version: number }[]
  >`
    select previous_use, description, version from plots where id = ${id}`
  return row
}

describe('two planners save the same plot', () => {
  it("keeps A's Vornutzung and B's description when B saves after A, without asking", async () => {
    const id = await plotId('demo:plot:lindenau-luetzner-strasse-baulucke')
    const before = await stored(id)
    const a = await app().newPage()
    const b = await app().newPage()
    await openForEditing(a, id)
    await openForEditing(b, id)

    await a.getByLabel('Vornutzung').fill('Tankstelle (A)')
    await a.getByRole('button', { name: 'Speichern' }).click()
    await a.getByRole('status').filter({ hasText: 'Gespeichert' }).waitFor()

    await b.getByLabel('Beschreibung').fill('Beschreibung von Planerin B')
    await b.getByRole('button', { name: 'Speichern' }).click()
    const told = b.getByRole('status').filter({ hasText: 'zusammengeführt' })
    await told.waitFor()
    expect(await told.textContent()).toContain('Vornutzung')
    expect(await told.textContent()).toContain('Beschreibung')
    expect(await b.getByRole('alertdialog').count()).toBe(0)
    await b.screenshot({ path: join(screenshotDir, 'editing-merged.png') })

    const after = await stored(id)
    expect(after).toEqual({
      previous_use: 'Tankstelle (A)',
      description: 'Beschreibung von Planerin B',
      version: (before?.version ?? 0) + 2,
    })
    // B's form now holds the merged version, saved with the new ETag: a further save needs no merge.
    expect(await b.getByLabel('Vornutzung').inputValue()).toBe('Tankstelle (A)')
    await b.getByLabel('Beschreibung').fill('Beschreibung von Planerin B, ergänzt')
    await b.getByRole('button', { name: 'Speichern' }).click()
    await expect.poll(async () => (await stored(id))?.version).toBe((before?.version ?? 0) + 3)
    expect(await b.getByRole('alertdialog').count()).toBe(0)
    expect((await stored(id))?.previous_use).toBe('Tankstelle (A)')
  })

  it('asks only about the field both changed, side by side, and saves the chosen value', async () => {
    const id = await plotId('demo:plot:plagwitz-ehemalige-galvanik')
    const a = await app().newPage()
    const b = await app().newPage()
    await openForEditing(a, id)
    await openForEditing(b, id)

    await a.getByLabel('Beschreibung').fill('Text von A')
    await a.getByLabel('Vornutzung').fill('Galvanik (A)')
    await a.getByRole('button', { name: 'Speichern' }).click()
    await a.getByRole('status').filter({ hasText: 'Gespeichert' }).waitFor()

    await b.getByLabel('Beschreibung').fill('Text von B')
    await b.getByRole('button', { name: 'Speichern' }).click()
    const conflict = b.getByRole('alertdialog', {
      name: 'Jemand anderes hat dieses Objekt inzwischen gespeichert',
    })
    await conflict.waitFor()
    const rows = await conflict
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-field')))
    expect(rows).toEqual(['description'])
    expect(await conflict.textContent()).toContain('Text von A')
    expect(await conflict.textContent()).toContain('Bereits zusammengeführt: Vornutzung')
    await b.screenshot({ path: join(screenshotDir, 'editing-merge-conflict.png') })
    await conflict.getByRole('radio').first().check()
    await conflict.getByRole('button', { name: 'Auswahl übernehmen und speichern' }).click()
    await b.getByRole('status').filter({ hasText: 'Gespeichert' }).waitFor()

    const after = await stored(id)
    expect(after?.description).toBe('Text von A')
    expect(after?.previous_use).toBe('Galvanik (A)')
  })
})

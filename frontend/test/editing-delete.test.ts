import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { screenshotDir, useBrowserApp } from './browser-app.ts'
import { openSignedIn } from './editing.testing.ts'

// Deleting asks first and names the feature, closes its panel, offers "undo", and the layer's
// "recently deleted" list brings the feature back under its id.

const app = useBrowserApp()

const square = (west: number, south: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [west + 0.0006, south],
      [west + 0.0006, south + 0.0004],
      [west, south + 0.0004],
      [west, south],
    ],
  ],
})

/** A plot of the demo planner's, stored through the API as planners store them. */
async function newPlot(name: string, west: number): Promise<number> {
  const [row] = await app().db.sql<{ id: number }[]>`
    insert into plots (name, geom)
    values (${name}, st_multi(st_setsrid(st_geomfromgeojson(${JSON.stringify(square(west, 51.3363))}), 4326)))
    returning id`
  if (!row) throw new Error('no plot')
  return Number(row.id)
}

const storedVersion = async (id: number) =>
  (await app().db.sql<{ version: number }[]>`select version from plots where id = ${id}`)[0]?.version

async function openForEditing(page: Page, id: number): Promise<void> {
  await openSignedIn(page, app().baseUrl, `/plots/${id}#map=17.50/51.33660/12.33500`)
  await page.getByRole('button', { name: 'Ausgewähltes Objekt bearbeiten' }).click()
  await expect.poll(() => page.getByLabel('Name').inputValue()).not.toBe('')
}

async function deleteConfirmed(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Objekt löschen', exact: true }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Objekt löschen?' })
  await dialog.waitFor()
  expect(await dialog.textContent()).toContain(`„${name}“`)
  await dialog.getByRole('button', { name: 'Objekt löschen' }).click()
  await page
    .getByRole('status')
    .filter({ hasText: `Gelöscht: ${name}` })
    .first()
    .waitFor()
}

describe('deleting a feature', () => {
  it('asks first, closes the panel, undoes within the grace period, and restores from the recently deleted', async () => {
    const name = 'Restfläche Hinterhof (Löschtest)'
    const id = await newPlot(name, 12.3345)
    const page = await app().newPage({ width: 1440, height: 900 })
    await openForEditing(page, id)

    // Declining changes nothing.
    await page.getByRole('button', { name: 'Objekt löschen', exact: true }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Objekt löschen?' })
    await dialog.waitFor()
    await page.screenshot({ path: join(screenshotDir, 'editing-delete-confirm.png') })
    await dialog.getByRole('button', { name: 'Abbrechen' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await storedVersion(id)).toBe(1)

    await deleteConfirmed(page, name)
    expect(await storedVersion(id)).toBeUndefined()
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe('/')
    await page.locator('.feature-panel').waitFor({ state: 'detached' })
    await page.screenshot({ path: join(screenshotDir, 'editing-delete-undo.png') })

    await page.getByRole('button', { name: 'Löschen rückgängig machen' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `Wiederhergestellt: ${name}` })
      .waitFor()
    expect(await storedVersion(id)).toBe(2)
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe(`/plots/${id}`)
    expect(await page.getByLabel('Name').inputValue()).toBe(name)

    await deleteConfirmed(page, name)
    expect(await storedVersion(id)).toBeUndefined()
    await page.locator('.recently-deleted summary').click()
    const entry = page.locator(`.recently-deleted li[data-id="${id}"]`)
    await entry.waitFor()
    expect(await entry.textContent()).toContain(name)
    await page.screenshot({ path: join(screenshotDir, 'editing-recently-deleted.png') })
    await entry.getByRole('button', { name: `Wiederherstellen: ${name}` }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `Wiederhergestellt: ${name}` })
      .waitFor()
    expect(await storedVersion(id)).toBe(3)
    await entry.waitFor({ state: 'detached' })

    const history = await app().db.sql<{ operation: string; version: number }[]>`
      select operation, version from history where table_name = 'plots' and row_id = ${id} order by id`
    expect(history.map((h) => `${h.operation} ${h.version}`)).toEqual([
      'insert 1',
      'delete 1',
      'insert 2',
      'delete 2',
      'insert 3',
    ])
    expect(page.errors).toEqual([])
  })

  it('asks in a dialog that fits a phone', async () => {
    const name = 'Ecke Josephstraße (Löschtest)'
    const id = await newPlot(name, 12.3352)
    const page = await app().newPage({ width: 390, height: 844 }, true)
    // On a phone the feature sheet covers the account button: sign in on the map, then open the plot.
    await openSignedIn(page, app().baseUrl, '/#map=17.50/51.33660/12.33500')
    await page.goto(`${app().baseUrl}/plots/${id}#map=17.50/51.33660/12.33500`)
    await page.getByRole('toolbar', { name: 'Bearbeiten' }).waitFor()
    await page.getByRole('button', { name: 'Ausgewähltes Objekt bearbeiten' }).click()
    await expect.poll(() => page.getByLabel('Name').inputValue()).not.toBe('')
    await page.getByRole('button', { name: 'Objekt löschen', exact: true }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Objekt löschen?' })
    await dialog.waitFor()
    const box = await dialog.boundingBox()
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true)
    await page.screenshot({ path: join(screenshotDir, 'editing-delete-confirm-phone.png') })
  })
})

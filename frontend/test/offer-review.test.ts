import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { square } from '../../backend/src/agreements/interim-use.testing.ts'
import { createUser } from '../../backend/src/auth/auth.testing.ts'
import { screenshotDir, useBrowserApp } from './browser-app.ts'
import { openSignedIn } from './editing.testing.ts'
import { offerStatus, openWorkspace, seedOffer } from './planner-screens.testing.ts'

const app = useBrowserApp()

const lindenau = '/#map=15.5/51.3392/12.3130'

describe('reviewing an offer and ending an agreement', () => {
  it('shows where the offer lies, lets the reviewer name the new plot and confirms the acceptance', async () => {
    const { sql } = app().db
    await sql`
      insert into districts (key, name, geom)
      values ('999', 'Testviertel Lindenau', st_multi(st_makeenvelope(12.30, 51.33, 12.32, 51.35, 4326)))`
    const owner = await createUser(app().db, 'owner')
    const title = 'Garten von Erika Beispiel (Test)'
    const offer = await seedOffer(app().db, owner.id, title, square(12.3105, 51.3392))
    const page = await app().newPage({ width: 1440, height: 900 })
    await openSignedIn(page, app().baseUrl, lindenau)
    const workspace = await openWorkspace(page, 'Angebote prüfen')
    const review = workspace.getByRole('article', { name: title })
    await expect.poll(() => review.innerText()).toMatch(/Ortsteile\s[^\n]*Testviertel Lindenau/)
    expect(await review.innerText()).toMatch(/Fördergebiete\s*Leipziger Westen/)
    // The uses in the legend's words.
    expect(await review.innerText()).toContain('Gemeinschaftsgarten')

    // The name is prefilled from the title, which names a person: the reviewer changes it.
    const name = review.getByLabel(/Name der neuen Fläche/)
    expect(await name.inputValue()).toBe(title)
    await name.fill('Gartenbrache Lindenau (Test)')
    await review.getByRole('button', { name: 'Annehmen' }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Angebot annehmen?' })
    expect(await dialog.innerText()).toContain('„Gartenbrache Lindenau (Test)“')
    await page.screenshot({ path: join(screenshotDir, 'offer-review-accept.png') })
    await dialog.getByRole('button', { name: 'Abbrechen' }).click()
    expect((await offerStatus(app().db, offer)).status).toBe('submitted')

    await review.getByRole('button', { name: 'Annehmen' }).click()
    await dialog.getByRole('button', { name: 'Annahme bestätigen' }).click()
    await expect.poll(async () => (await offerStatus(app().db, offer)).status).toBe('accepted')
    const [plot] = await sql<{ name: string }[]>`
      select p.name from plots p join offers o on o.plot_id = p.id where o.id = ${offer}`
    expect(plot?.name).toBe('Gartenbrache Lindenau (Test)')
    expect(page.errors).toEqual([])
  })

  it('asks before a step that cannot be taken back, and at 390 × 844 too', async () => {
    const { sql } = app().db
    const [ending] = await sql<{ id: number }[]>`
      insert into agreements (name, use, status, term_start, term_end)
      values ('Galerie Schlussakt (Test)', 'open_air_gallery', 'ending', '2024-05-01', '2026-04-30')
      returning id`
    const status = async () =>
      (await sql<{ status: string }[]>`select status from agreements where id = ${Number(ending?.id)}`)[0]
        ?.status
    const page = await app().newPage({ width: 390, height: 844 }, true)
    await openSignedIn(page, app().baseUrl, lindenau)
    const workspace = await openWorkspace(page, 'Angebote prüfen')
    await workspace.getByRole('tab', { name: 'Vereinbarungen' }).click()
    await workspace.getByRole('button', { name: 'Galerie Schlussakt (Test)' }).click()
    const detail = workspace.locator('.agreement-detail')
    await detail.getByRole('button', { name: 'Status ändern: beendet' }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Status endgültig ändern?' })
    expect(await dialog.innerText()).toContain('nicht rückgängig')
    await page.screenshot({ path: join(screenshotDir, 'agreement-end-confirm-phone.png') })
    await dialog.getByRole('button', { name: 'Abbrechen' }).click()
    expect(await status()).toBe('ending')
    await detail.getByRole('button', { name: 'Status ändern: beendet' }).click()
    await dialog.getByRole('button', { name: 'Ja, endgültig ändern' }).click()
    await detail.getByRole('status').filter({ hasText: 'beendet' }).waitFor()
    expect(await status()).toBe('ended')
    expect(page.errors).toEqual([])
  })
})

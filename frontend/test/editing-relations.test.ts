import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mapHasFeature, screenshotDir, useBrowserApp } from './browser-app.ts'
import { openSignedIn, pixelOf } from './editing.testing.ts'

// A measure's quarter is chosen by name or by clicking the quarter on the map, never typed as a
// number.

const app = useBrowserApp()

const rectangle = (west: number, south: number, width: number, height: number) =>
  JSON.stringify({
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [west + width, south],
        [west + width, south + height],
        [west, south + height],
        [west, south],
      ],
    ],
  })

describe('relations by picking', () => {
  it("picks a measure's quarter on the map and finds it by name in the list", async () => {
    const [quarter] = await app().db.sql<{ id: number }[]>`
      insert into quarters (name, geom)
      values ('Quartier Pickeltest', st_multi(st_setsrid(st_geomfromgeojson(${rectangle(12.3343, 51.3362, 0.0012, 0.0007)}), 4326)))
      returning id`
    const [measure] = await app().db.sql<{ id: number }[]>`
      insert into measures (name, geom)
      values ('Hofbegrünung Pickeltest', st_setsrid(st_geomfromgeojson(${rectangle(12.3346, 51.3364, 0.0002, 0.0001)}), 4326))
      returning id`
    const quarterId = Number(quarter?.id)
    const measureId = Number(measure?.id)
    const page = await app().newPage({ width: 1440, height: 900 })
    await openSignedIn(page, app().baseUrl, `/measures/${measureId}#map=18.00/51.33655/12.33490`)
    await page.getByRole('button', { name: 'Ausgewähltes Objekt bearbeiten' }).click()
    await expect.poll(() => page.locator('#attr-name').inputValue()).not.toBe('')
    await expect.poll(() => mapHasFeature(page, 'quarters', quarterId), { timeout: 30_000 }).toBe(true)

    const select = page.locator('select#attr-quarter_id')
    // The list offers names, searchable; no number field for the quarter.
    expect(await page.locator('input[type="number"][name="quarter_id"]').count()).toBe(0)
    await page.getByLabel('Quartier: Suchen').fill('Pickel')
    await expect
      .poll(() => select.locator('option').allTextContents())
      .toEqual(['– keine Zuordnung –', 'Quartier Pickeltest'])
    await page.getByLabel('Quartier: Suchen').fill('')

    await page.getByRole('button', { name: 'Auf der Karte wählen (Quartiere)' }).click()
    await page.getByRole('status').filter({ hasText: 'Klicken Sie auf der Karte auf' }).waitFor()
    // Quarters are drawn as outlines: click the middle of its northern edge.
    const edge = await pixelOf(page, 12.3349, 51.3369)
    await page.mouse.click(edge.x, edge.y)
    await expect.poll(() => select.inputValue()).toBe(String(quarterId))
    expect(await select.locator('option:checked').textContent()).toBe('Quartier Pickeltest')
    await page.screenshot({ path: join(screenshotDir, 'editing-pick-quarter.png') })

    await page.getByRole('button', { name: 'Speichern' }).click()
    await page.getByRole('status').filter({ hasText: 'Gespeichert' }).waitFor()
    const [stored] = await app().db.sql<{ quarter_id: number | null }[]>`
      select quarter_id from measures where id = ${measureId}`
    expect(Number(stored?.quarter_id)).toBe(quarterId)
  })

  it("names a measure's quarter with a link, and the quarter's panel lists its measures and links", async () => {
    const [quarter] = await app().db.sql<{ id: number }[]>`
      insert into quarters (name, geom)
      values ('Quartier Verweistest', st_multi(st_setsrid(st_geomfromgeojson(${rectangle(12.3343, 51.3372, 0.0012, 0.0007)}), 4326)))
      returning id`
    const quarterId = Number(quarter?.id)
    const [measure] = await app().db.sql<{ id: number }[]>`
      insert into measures (name, quarter_id, geom)
      values ('Spielpunkt Verweistest', ${quarterId}, st_setsrid(st_geomfromgeojson(${rectangle(12.3346, 51.3374, 0.0002, 0.0001)}), 4326))
      returning id`
    await app().db.sql`
      insert into links (name, from_quarter_id, geom)
      values ('Grüner Weg Verweistest', ${quarterId},
              st_multi(st_setsrid(st_geomfromgeojson(${JSON.stringify({
                type: 'LineString',
                coordinates: [
                  [12.3344, 51.3373],
                  [12.3354, 51.3378],
                ],
              })}), 4326)))`
    const page = await app().newPage({ width: 1440, height: 900 })
    await page.goto(`${app().baseUrl}/measures/${measure?.id}`)
    const panel = page.locator('.feature-panel')
    const link = panel.getByRole('link', { name: 'Quartier Verweistest' })
    await link.waitFor()
    expect(await panel.textContent()).not.toContain(`Quartier${quarterId}`)
    await link.click()
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe(`/quarters/${quarterId}`)
    await page.locator('#feature-title').filter({ hasText: 'Quartier Verweistest' }).waitFor()
    const measures = page.getByTestId('quarter-measures')
    await measures.getByRole('link', { name: 'Spielpunkt Verweistest' }).waitFor()
    await page.getByTestId('quarter-links').getByRole('link', { name: 'Grüner Weg Verweistest' }).waitFor()
    await page.screenshot({ path: join(screenshotDir, 'quarter-relations.png') })
    const phone = await app().newPage({ width: 390, height: 844 }, true)
    await phone.goto(`${app().baseUrl}/quarters/${quarterId}`)
    await phone
      .getByTestId('quarter-measures')
      .getByRole('link', { name: 'Spielpunkt Verweistest' })
      .waitFor()
    await phone.screenshot({ path: join(screenshotDir, 'quarter-relations-phone.png') })
  })

  it("lists a plot's running interim uses in its panel, without their internal notes", async () => {
    const { sql } = app().db
    const [plot] = await sql<{ id: number }[]>`
      insert into plots (name, geom)
      values ('Brache Vereinbarungstest', st_multi(st_setsrid(st_geomfromgeojson(${rectangle(12.3343, 51.3382, 0.0006, 0.0004)}), 4326)))
      returning id`
    const [agreement] = await sql<{ id: number }[]>`
      insert into agreements (name, use, status, term_start, term_end, internal_notes)
      values ('Gärtnern Vereinbarungstest', 'community_garden', 'active', '2026-04-01', '2027-03-31', 'Pacht intern')
      returning id`
    await sql`insert into agreement_plots (agreement_id, plot_id) values (${Number(agreement?.id)}, ${Number(plot?.id)})`
    const page = await app().newPage({ width: 1440, height: 900 })
    await page.goto(`${app().baseUrl}/plots/${plot?.id}`)
    const listed = page.getByTestId('plot-agreements')
    await listed.waitFor()
    expect(await listed.textContent()).toContain(
      'Gärtnern Vereinbarungstest (Gemeinschaftsgarten, 01.04.2026 – 31.03.2027)',
    )
    expect(await page.locator('.feature-panel').textContent()).not.toContain('Pacht intern')
    await page.screenshot({ path: join(screenshotDir, 'plot-agreements.png') })
  })
})

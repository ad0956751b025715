import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { screenshotDir, useBrowserApp, waitForMapIdle } from './browser-app.ts'

const app = useBrowserApp()

/** A number as the German interface writes it ("1.234,56") back to a number. */
const parseGerman = (text: string | null) => Number((text ?? '').replace(/\./g, '').replace(',', '.').trim())

describe('the city overlay view', () => {
  it('shows figures for Leipziger Westen that match PostGIS computed independently', async () => {
    // Independent of the API's query: areas in EPSG:25833 (Leipzig), plots whose interiors meet
    // the area, interim use as the union of the view's shapes clipped to the area.
    const sql = app().db.sql
    const [area] = await sql<{ area_ha: number; interim_ha: number }[]>`
      select st_area(st_transform(pa.geom, 25833)) / 10000 as area_ha,
             coalesce((select st_area(st_transform(st_intersection(st_union(iu.geom), pa.geom), 25833))
                         from interim_uses iu where st_relate(iu.geom, pa.geom, 'T********')), 0) / 10000 as interim_ha
        from programme_areas pa where pa.name = 'Leipziger Westen'`
    const plotCounts = await sql<{ status: string; n: number }[]>`
      select p.status, count(*)::int as n
        from plots p join programme_areas pa on st_relate(p.geom, pa.geom, 'T********')
       where pa.name = 'Leipziger Westen' group by p.status`
    if (!area) throw new Error('demo programme area missing')

    const page = await app().newPage()
    await page.goto(`${app().baseUrl}/overlay`)
    const row = page.locator('tr[data-area="Leipziger Westen"]')
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1)
    expect(parseGerman(await row.locator('[data-figure="area_ha"]').textContent())).toBeCloseTo(
      area.area_ha,
      1,
    )
    expect(parseGerman(await row.locator('[data-figure="interim_use_ha"]').textContent())).toBeCloseTo(
      area.interim_ha,
      1,
    )
    for (const { status, n } of plotCounts) {
      expect(await row.locator(`[data-status="${status}"]`).getAttribute('data-count')).toBe(String(n))
    }
    expect(await page.locator('.overlay-charts svg').count()).toBe(2)

    // Beside the map, not over it: most of the map stays visible, with the compared areas
    // outlined on it.
    const panel = await page.locator('.overlay-view').boundingBox()
    expect(panel?.width).toBeLessThan(600)
    await waitForMapIdle(page)
    const outlined = await page.evaluate(() =>
      JSON.stringify(window.__quartiersatlas?.map.getFilter('indicator-programme-areas')),
    )
    const ids = await sql<{ id: number }[]>`select id::int from programme_areas`
    for (const { id } of ids) expect(outlined).toMatch(new RegExp(`[\\[,]${id}[\\],]`))

    // A city column, and each city's totals under its areas.
    expect(await row.locator('[data-figure="city"]').textContent()).toBe('Leipzig')
    const [leipzig] = await sql<{ area_ha: number }[]>`
      select sum(st_area(st_transform(geom, 25833))) / 10000 as area_ha
        from programme_areas where municipality = '14713000'`
    const totals = page.locator('tr[data-totals="Leipzig"]')
    expect(parseGerman(await totals.locator('[data-figure="area_ha"]').textContent())).toBeCloseTo(
      leipzig?.area_ha ?? -1,
      1,
    )
    expect(await page.locator('tr[data-totals="Dortmund"]').count()).toBe(1)

    // The share chart's axis ends just above the largest share, and says so; not at 100 %.
    const shares = await sql<{ share: number }[]>`
      select coalesce((select st_area(st_transform(st_intersection(st_union(iu.geom), pa.geom), 25833))
                         from interim_uses iu where st_relate(iu.geom, pa.geom, 'T********')), 0)
             / st_area(st_transform(pa.geom, 25833)) as share
        from programme_areas pa`
    const largest = Math.max(...shares.map((s) => s.share))
    const axisMax = Number(
      await page.locator('[data-chart="interim-share"] .axis').getAttribute('data-axis-max'),
    )
    expect(largest).toBeGreaterThan(0)
    expect(axisMax).toBeGreaterThanOrEqual(largest)
    expect(axisMax).toBeLessThanOrEqual(largest * 2.5)
    expect(await page.locator('[data-chart="interim-share"] figcaption').textContent()).toMatch(
      /Skala 0 – [\d,]+\s%/,
    )
    await page.screenshot({ path: join(screenshotDir, 'overlay-view.png') })

    // Only Dortmund's areas when the city is chosen.
    await page.locator('select[name="city"]').selectOption({ label: 'Dortmund' })
    await expect.poll(() => page.locator('tr[data-area="Rheinische Straße"]').count()).toBe(1)
    expect(await row.count()).toBe(0)
    expect(await page.locator('tr[data-totals="Leipzig"]').count()).toBe(0)
    await page.locator('select[name="city"]').selectOption({ label: 'alle Städte' })
    await expect.poll(() => row.count()).toBe(1)

    // The CSV link carries the same selection.
    const href = await page.getByRole('link', { name: 'Als CSV herunterladen' }).getAttribute('href')
    expect(href).toMatch(/^\/api\/overlay\/figures\.csv\?programmes=/)
    const csv = await (await fetch(`${app().baseUrl}${href}`)).text()
    expect(csv).toContain('Leipziger Westen')

    // Unticking SZP leaves only the other programmes' areas.
    await page.getByRole('checkbox', { name: 'Sozialer Zusammenhalt (SZP)' }).uncheck()
    await expect.poll(() => row.count()).toBe(0)
    await expect.poll(() => page.locator('tr[data-area="URBAN II Leipziger Westen"]').count()).toBe(1)
    expect(page.errors).toEqual([])
  })
})

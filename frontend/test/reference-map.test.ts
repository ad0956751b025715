import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useBrowserApp, waitForMapIdle } from './browser-app.ts'
import { openSignedIn, waitForMapSettled } from './editing.testing.ts'

// The offline reference map and address search (issue 16), with no route to the internet: the
// tests run with BASEMAP_STYLE_URL=none, as CI has no internet.

const app = useBrowserApp()

/** Metres between two lon/lat points (spherical; plenty for a 50 m tolerance). */
function metres([x1, y1]: [number, number], [x2, y2]: [number, number]): number {
  const rad = Math.PI / 180
  const dx = (x2 - x1) * rad * Math.cos(((y1 + y2) / 2) * rad)
  const dy = (y2 - y1) * rad
  return 6371008.8 * Math.hypot(dx, dy)
}

/** The first page of a file may wait on a cold server: settle first, then wait for idle. */
async function settle(page: Page): Promise<void> {
  await waitForMapSettled(page)
  await waitForMapIdle(page)
}

const mapCenter = (page: Page) =>
  page.evaluate(() => {
    const center = window.__quartiersatlas?.map.getCenter()
    return [center?.lng ?? 0, center?.lat ?? 0] as [number, number]
  })

/** Types `query` into the header's search, waits for the options and chooses the first. */
async function searchAndChooseFirst(page: Page, query: string): Promise<string[]> {
  const search = page.getByRole('combobox', { name: 'Suche' })
  await search.fill(query)
  const options = page.locator('#search-results').getByRole('option')
  await expect.poll(() => options.count()).toBeGreaterThan(0)
  const texts = await options.allTextContents()
  await search.press('Enter')
  await waitForMapIdle(page)
  return texts
}

async function pointOf(sql: string): Promise<[number, number]> {
  const [row] = await app().db.sql.unsafe<{ x: number; y: number }[]>(sql)
  return [row?.x ?? 0, row?.y ?? 0]
}

describe('the offline reference map', () => {
  it('draws buildings and the district name Lindenau at z16 over Josephstraße, and names its sources', async () => {
    const page = await app().newPage()
    await page.goto(`${app().baseUrl}/#map=16.00/51.33520/12.33310`)
    await settle(page)
    const rendered = await page.evaluate(() => {
      const features = window.__quartiersatlas?.map.queryRenderedFeatures() ?? []
      return {
        buildings: features.filter((f) => f.sourceLayer === 'buildings').length,
        districts: features
          .filter((f) => f.sourceLayer === 'districts')
          .map((f) => String(f.properties.name)),
      }
    })
    expect(rendered.buildings).toBeGreaterThan(50)
    expect(rendered.districts).toContain('Lindenau')
    const attribution = await page.locator('.maplibregl-ctrl-attrib').textContent()
    expect(attribution).toContain('© OpenStreetMap contributors')
    expect(attribution).toContain('Stadt Leipzig, dl-de/by-2-0')
    expect(page.errors).toEqual([])
  })
})

describe('address and place search', () => {
  it('flies to Josephstraße 12, within 50 m of its building, and marks it', async () => {
    const page = await app().newPage()
    await page.goto(`${app().baseUrl}/`)
    await settle(page)
    const texts = await searchAndChooseFirst(page, 'Josephstraße 12')
    expect(texts[0]).toContain('Josephstraße 12')
    expect(texts[0]).toContain('Adresse')
    const building = await pointOf(
      `select st_x(st_centroid(geom)) as x, st_y(st_centroid(geom)) as y from buildings
        where street = 'Josephstraße' and housenumber = '12'`,
    )
    expect(metres(await mapCenter(page), building)).toBeLessThan(50)
    const marked = await page.evaluate(
      () => window.__quartiersatlas?.map.queryRenderedFeatures({ layers: ['search-marker'] }).length ?? 0,
    )
    expect(marked).toBe(1)
    expect(page.errors).toEqual([])
  })

  it('flies to Stuttgarter Allee 19, the Stadtteilladen Grünau, within 50 m', async () => {
    const page = await app().newPage()
    await page.goto(`${app().baseUrl}/`)
    await settle(page)
    // The Stadtteilladen has exactly this address, so it is listed first (ours ahead of reference
    // data that matches as well); the address itself is chosen here, as someone going there would.
    const search = page.getByRole('combobox', { name: 'Suche' })
    await search.fill('Stuttgarter Allee 19')
    const options = page.locator('#search-results').getByRole('option')
    await expect.poll(() => options.count()).toBeGreaterThan(1)
    expect(await options.first().textContent()).toContain('Stadtteilladen Grünau')
    await options.filter({ hasText: 'Adresse' }).first().click()
    await waitForMapIdle(page)
    const office = await pointOf(
      `select st_x(geom) as x, st_y(geom) as y from places where name = 'Stadtteilladen Grünau'`,
    )
    expect(metres(await mapCenter(page), office)).toBeLessThan(50)
  })

  it('ranks Wohnkomplex 7 first for WK7', async () => {
    const page = await app().newPage()
    await page.goto(`${app().baseUrl}/`)
    await settle(page)
    const texts = await searchAndChooseFirst(page, 'WK7')
    expect(texts[0]).toContain('Wohnkomplex 7')
    await expect.poll(() => page.locator('.feature-panel h2').textContent()).toBe('Wohnkomplex 7')
  })

  it('closes an open workspace sheet when a search result is chosen, instead of opening beneath it', async () => {
    const page = await app().newPage()
    await openSignedIn(page, app().baseUrl, '/')
    await page.getByRole('button', { name: 'Zwischennutzung' }).click()
    const workspace = page.getByRole('complementary', { name: 'Zwischennutzung' })
    await workspace.waitFor()
    await searchAndChooseFirst(page, 'Lindenau')
    await workspace.waitFor({ state: 'detached' })
    await expect.poll(() => page.locator('.feature-panel h2').textContent()).toBe('Lindenau')
  }, 120_000)
})

import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { screenshotDir, useBrowserApp, waitForMapIdle } from './browser-app.ts'

// The standard map tools (issue 16): scale bar, coordinates in the city's CRS, measuring as the
// server measures, print to PDF, filters and year in the URL, and the phone header.

const app = useBrowserApp()
const lindenau = '#map=16.00/51.3370/12.3300'

/** Clicks the map at (x, y) pixels of the map area. */
async function clickMap(page: Page, x: number, y: number) {
  const box = await page.locator('.map').boundingBox()
  await page.mouse.click((box?.x ?? 0) + x, (box?.y ?? 0) + y)
}

describe('the map tools', () => {
  it('shows a scale bar, and a clicked point in EPSG:25833 as PostGIS transforms it', async () => {
    const page = await app().newPage({ width: 1440, height: 900 })
    await page.goto(`${app().baseUrl}/${lindenau}`)
    await waitForMapIdle(page)
    expect(await page.locator('.maplibregl-ctrl-scale').textContent()).toMatch(/\d+\s*(m|km)$/)

    await page.getByRole('button', { name: 'Koordinaten' }).click()
    await clickMap(page, 700, 420)
    const shown = page.locator('.coordinates')
    await expect.poll(() => shown.count()).toBe(1)
    const lon = Number(await shown.getAttribute('data-lon'))
    const lat = Number(await shown.getAttribute('data-lat'))
    const text = (await shown.locator('[data-crs="EPSG:25833"]').textContent()) ?? ''
    const [, east, north] = /E ([\d.]+) N ([\d.]+)/.exec(text) ?? []
    const [expected] = await app().db.sql<{ x: number; y: number }[]>`
      select st_x(p) as x, st_y(p) as y
        from (select st_transform(st_setsrid(st_makepoint(${lon}, ${lat}), 4326), 25833) as p) t`
    expect(Math.abs(Number(east) - (expected?.x ?? 0))).toBeLessThanOrEqual(0.01)
    expect(Math.abs(Number(north) - (expected?.y ?? 0))).toBeLessThanOrEqual(0.01)
    expect(await shown.locator('[data-crs="WGS 84 (EPSG:4326)"]').textContent()).toBe(
      `${lat.toFixed(7)}° N ${lon.toFixed(7)}° E`,
    )
    // While the tool is on, a click reads coordinates and opens no feature.
    expect(await page.locator('.feature-panel').count()).toBe(0)
    await page.screenshot({ path: join(screenshotDir, 'map-coordinates.png') })
    expect(page.errors).toEqual([])
  })

  it('measures an area that agrees with PostGIS in EPSG:25833 within 0.1 %', async () => {
    const page = await app().newPage({ width: 1440, height: 900 })
    await page.goto(`${app().baseUrl}/${lindenau}`)
    await waitForMapIdle(page)
    await page.getByRole('button', { name: 'Messen' }).click()
    await page.getByRole('button', { name: 'Fläche' }).click()
    for (const [x, y] of [
      [500, 250],
      [900, 280],
      [880, 600],
      [560, 560],
    ] as const) {
      await clickMap(page, x, y)
    }
    const result = page.locator('.measure-result')
    await expect.poll(() => result.count()).toBe(1)
    const areaM2 = Number(await result.getAttribute('data-area-m2'))
    const geometry = (await result.getAttribute('data-geometry')) ?? ''
    const [server] = await app().db.sql<{ area: number }[]>`
      select st_area(st_transform(st_setsrid(st_geomfromgeojson(${geometry}), 4326), 25833))::float8 as area`
    expect(JSON.parse(geometry).coordinates[0]).toHaveLength(5)
    expect(Math.abs(areaM2 - (server?.area ?? 0)) / (server?.area ?? 1)).toBeLessThan(0.001)
    expect(await result.textContent()).toMatch(/m² \(\d+,\d\d ha\)/)
    await page.screenshot({ path: join(screenshotDir, 'map-measure.png') })

    await page.getByRole('button', { name: 'Strecke' }).click()
    await clickMap(page, 500, 250)
    await clickMap(page, 900, 250)
    await expect.poll(() => result.textContent()).toMatch(/^\d+ m$/)
    expect(page.errors).toEqual([])
  })

  it('prints the view as a one-page PDF with its title and the attribution', async () => {
    const page = await app().newPage({ width: 1440, height: 900 })
    await page.goto(`${app().baseUrl}/${lindenau}`)
    await waitForMapIdle(page)
    // Whatever the map credits must reach the paper: a source with its own attribution, as the
    // basemap and the reference layers bring.
    await page.evaluate(() => {
      const map = window.__quartiersatlas?.map
      map?.addSource('credited', {
        type: 'geojson',
        data: { type: 'Point', coordinates: [12.33, 51.337] },
        attribution: '© Stadt Leipzig, dl-de/by-2-0',
      })
      map?.addLayer({ id: 'credited', type: 'circle', source: 'credited' })
    })
    await waitForMapIdle(page)
    const attribution = (await page.locator('.maplibregl-ctrl-attrib-inner').textContent())?.trim() ?? ''
    expect(attribution).toContain('© Stadt Leipzig, dl-de/by-2-0')
    await page.getByRole('button', { name: 'Drucken' }).click()
    await page.getByRole('textbox', { name: 'Titel' }).fill('Brachflächen in Lindenau')
    await page.getByRole('radio', { name: 'A3' }).check()
    await page.getByRole('radio', { name: 'Hochformat' }).check()
    await page.screenshot({ path: join(screenshotDir, 'map-print.png') })
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'PDF erstellen' }).click(),
    ])
    const file = join(mkdtempSync(join(tmpdir(), 'quartiersatlas-print-')), 'map.pdf')
    await download.saveAs(file)
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
    expect(info).toMatch(/^Pages:\s+1$/m)
    expect(info).toMatch(/^Page size:\s+841\.\d+ x 1190\.\d+ pts/m)
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    expect(text).toContain('Brachflächen in Lindenau')
    expect(text).toContain(attribution)
    expect(text).toContain('Brachflächen')
    expect(text).toContain(`${app().baseUrl}/#map=16.00/51.3370/12.3300`)
    expect(page.errors).toEqual([])
  })

  it('reproduces a shared link with a filter, a year and the open panel', async () => {
    const page = await app().newPage({ width: 1440, height: 900 })
    await page.goto(`${app().baseUrl}/?status=fallow&year=2024&panel=filters#map=12.00/51.3250/12.3500`)
    await waitForMapIdle(page)
    expect(await page.getByRole('checkbox', { name: 'Brache' }).isChecked()).toBe(true)
    expect(await page.getByRole('checkbox', { name: 'angeboten' }).isChecked()).toBe(false)
    expect(await page.getByRole('slider').inputValue()).toBe('2024')
    const statuses = await page.evaluate(() => [
      ...new Set(
        window.__quartiersatlas?.map
          .queryRenderedFeatures({ layers: ['plots-fill'] })
          .map((feature) => String(feature.properties.status)),
      ),
    ])
    expect(statuses).toEqual(['fallow'])
    const areas = await page.evaluate(() =>
      window.__quartiersatlas?.map
        .queryRenderedFeatures({ layers: ['programme-areas-fill'] })
        .map((feature) => String(feature.properties.name)),
    )
    expect(areas).not.toContain('URBAN II Leipziger Westen')

    await page.getByRole('checkbox', { name: 'angeboten' }).check()
    await expect
      .poll(() => page.evaluate(() => location.search))
      .toBe('?status=fallow%2Coffered&year=2024&panel=filters')
    expect(page.errors).toEqual([])
  })
})

describe('the phone layout', () => {
  it('at 390 × 844 fits the width, reaches every header action and shows all programme areas', async () => {
    const page = await app().newPage({ width: 390, height: 844 }, true)
    await page.goto(`${app().baseUrl}/`)
    await waitForMapIdle(page)
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true)
    const menu = page.getByRole('button', { name: 'Menü' })
    const actions = [
      'Ebenen',
      'Filter',
      'Liste',
      'Gebietsvergleich',
      'Messen',
      'Koordinaten',
      'Drucken',
      'English',
    ]
    for (const name of actions) {
      const button = page.getByRole('button', { name, exact: true })
      if (!(await button.isVisible())) {
        await menu.tap()
        expect(await menu.getAttribute('aria-expanded')).toBe('true')
      }
      expect(await button.isVisible(), name).toBe(true)
      const box = await button.boundingBox()
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390, name).toBe(true)
      if ((await menu.getAttribute('aria-expanded')) === 'true') await menu.tap()
    }
    await menu.tap()
    await page.screenshot({ path: join(screenshotDir, 'phone-menu.png') })
    await menu.tap()

    // The first view holds every programme area of the city.
    const [extent] = await app().db.sql<{ w: number; s: number; e: number; n: number }[]>`
      select st_xmin(b) as w, st_ymin(b) as s, st_xmax(b) as e, st_ymax(b) as n
        from (select st_extent(geom) as b from programme_areas where municipality = '14713000') x`
    const bounds = await page.evaluate(() => window.__quartiersatlas?.map.getBounds().toArray())
    expect(bounds?.[0]?.[0]).toBeLessThanOrEqual(extent?.w ?? 0)
    expect(bounds?.[0]?.[1]).toBeLessThanOrEqual(extent?.s ?? 0)
    expect(bounds?.[1]?.[0]).toBeGreaterThanOrEqual(extent?.e ?? 0)
    expect(bounds?.[1]?.[1]).toBeGreaterThanOrEqual(extent?.n ?? 0)
    await page.screenshot({ path: join(screenshotDir, 'phone-first-view.png') })

    // The area comparison's charts show their values within the screen.
    await menu.tap()
    await page.getByRole('button', { name: 'Gebietsvergleich', exact: true }).tap()
    const charts = page.locator('.overlay-charts svg')
    await expect.poll(() => charts.count()).toBe(2)
    await charts.first().scrollIntoViewIfNeeded()
    for (const chart of await charts.all()) {
      const box = await chart.boundingBox()
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390)
      for (const value of await chart.locator('text').all()) {
        const at = await value.boundingBox()
        expect((at?.x ?? 0) + (at?.width ?? 0)).toBeLessThanOrEqual(390)
      }
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true)
    await page.screenshot({ path: join(screenshotDir, 'phone-charts.png') })
    expect(page.errors).toEqual([])
  })
})

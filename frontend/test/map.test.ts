import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderedCollections, screenshotDir, useBrowserApp, waitForMapIdle } from './browser-app.ts'

const app = useBrowserApp()

// Leipzig with the Leipziger Westen, Grünau and the Leipziger Osten in view.
const leipzig = '#map=12.00/51.3250/12.3500'

describe('the map', () => {
  it('loads the demo data from the vector tiles with no console errors', async () => {
    const page = await app().newPage()
    const tileResponses: number[] = []
    page.on('response', (response) => {
      if (response.url().includes('/api/tiles/WebMercatorQuad/')) tileResponses.push(response.status())
    })
    await page.goto(`${app().baseUrl}/${leipzig}`)
    await waitForMapIdle(page)
    const collections = await renderedCollections(page)
    expect(collections).toEqual(expect.arrayContaining(['plots', 'links', 'programme-areas']))
    // The map read the TileJSON and drew features from tiles it names (issue 4 in the browser).
    expect(tileResponses.length).toBeGreaterThan(1)
    expect(tileResponses.every((status) => status === 200 || status === 204)).toBe(true)
    const sources = await page.evaluate(() => {
      const source = window.__quartiersatlas?.map.getSource('quartiersatlas') as
        | { tiles?: string[] }
        | undefined
      return source?.tiles ?? []
    })
    expect(sources[0]).toMatch(/\/api\/tiles\/WebMercatorQuad\/\{z\}\/\{y\}\/\{x\}/)
    await page.screenshot({ path: join(screenshotDir, 'map-leipzig.png') })
    expect(page.errors).toEqual([])
  })

  it('draws labels with the bundled font, without a glyph server', async () => {
    const page = await app().newPage()
    const glyphRequests: string[] = []
    page.on('request', (request) => {
      if (request.url().endsWith('.pbf') && !request.url().includes('/api/tiles/'))
        glyphRequests.push(request.url())
    })
    await page.goto(`${app().baseUrl}/#map=14.50/51.3360/12.3280`)
    await waitForMapIdle(page)
    const labels = await page.evaluate(
      () =>
        window.__quartiersatlas?.map
          .queryRenderedFeatures({ layers: ['places-label', 'programme-areas-label'] })
          .map((feature) => String(feature.properties.name)) ?? [],
    )
    expect(labels.length).toBeGreaterThan(0)
    // Leipziger Westen covers a dozen tiles here; its name is drawn once, at its label point.
    expect(labels.filter((name) => name === 'Leipziger Westen')).toHaveLength(1)
    expect(glyphRequests).toEqual([])
    expect(await page.evaluate(() => document.fonts.check('12px "Noto Sans Regular"', 'Straße'))).toBe(true)
    await page.screenshot({ path: join(screenshotDir, 'map-labels.png') })
    expect(page.errors).toEqual([])
  })

  it('turning the plots layer off removes plots from the map and from the active legend', async () => {
    const page = await app().newPage()
    await page.goto(`${app().baseUrl}/${leipzig}`)
    await waitForMapIdle(page)
    const legend = page.locator('.legend')
    await expect.poll(() => legend.locator('[data-layer="plots"]').count()).toBe(1)
    expect(await legend.locator('[data-layer="plots"]').textContent()).toContain('Zwischennutzung')
    expect(await renderedCollections(page)).toContain('plots')

    await page.getByRole('checkbox', { name: 'Brachflächen' }).uncheck()
    await waitForMapIdle(page)
    expect(await renderedCollections(page)).not.toContain('plots')
    expect(await legend.locator('[data-layer="plots"]').count()).toBe(0)
    expect(await legend.locator('[data-layer="links"]').count()).toBe(1)

    await page.getByRole('checkbox', { name: 'Brachflächen' }).check()
    await waitForMapIdle(page)
    expect(await renderedCollections(page)).toContain('plots')
    expect(page.errors).toEqual([])
  })

  it('keeps the view in the URL so it can be shared', async () => {
    const page = await app().newPage()
    await page.goto(`${app().baseUrl}/${leipzig}`)
    await waitForMapIdle(page)
    await page.evaluate(() => window.__quartiersatlas?.map.jumpTo({ center: [12.3, 51.31], zoom: 14 }))
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#map=14.00/51.3100/12.3000')
    const fresh = await app().newPage()
    await fresh.goto(`${app().baseUrl}/#map=14.00/51.3100/12.3000`)
    await waitForMapIdle(fresh)
    const center = await fresh.evaluate(() => window.__quartiersatlas?.map.getCenter().toArray())
    expect(center?.[0]).toBeCloseTo(12.3, 4)
    expect(center?.[1]).toBeCloseTo(51.31, 4)
  })

  it('filters by year: a programme area shows only in the years of its period', async () => {
    const page = await app().newPage()
    await page.goto(`${app().baseUrl}/${leipzig}`)
    await waitForMapIdle(page)
    const programmeAreas = () =>
      page.evaluate(() => [
        ...new Set(
          window.__quartiersatlas?.map
            .queryRenderedFeatures({ layers: ['programme-areas-fill'] })
            .map((feature) => String(feature.properties.name)),
        ),
      ])
    expect(await programmeAreas()).toContain('URBAN II Leipziger Westen')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.getByRole('checkbox', { name: 'Nur Stand eines Jahres zeigen' }).check()
    await page.getByRole('slider').fill('2024')
    await waitForMapIdle(page)
    const in2024 = await programmeAreas()
    expect(in2024).not.toContain('URBAN II Leipziger Westen')
    expect(in2024).toContain('Leipziger Westen')
    expect(page.errors).toEqual([])
  })
})

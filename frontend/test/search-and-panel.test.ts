import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { screenshotDir, useBrowserApp, waitForMapIdle } from './browser-app.ts'

const app = useBrowserApp()
const gardens = 'Nachbarschaftsgärten Josephstraße'

describe('search and the feature panel', () => {
  it('finds the neighbourhood gardens on Josephstraße and opens their panel with area and programme area', async () => {
    const page = await app().newPage()
    await page.goto(`${app().baseUrl}/`)
    await waitForMapIdle(page)
    const search = page.getByRole('combobox', { name: 'Suche' })
    await search.fill('Josephstraße')
    const options = page.getByRole('listbox').getByRole('option')
    await expect
      .poll(() => options.allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining(gardens)]))
    await page.screenshot({ path: join(screenshotDir, 'search-results.png') })

    // Keyboard: arrow down to the gardens (a plot or a place of that name), Enter opens it.
    const texts = await options.allTextContents()
    const index = texts.findIndex((text) => text.includes(gardens))
    for (let step = 0; step < index; step++) await search.press('ArrowDown')
    await expect.poll(() => search.getAttribute('aria-activedescendant')).toBe(`search-result-${index}`)
    await search.press('Enter')

    const panel = page.locator('.feature-panel')
    await expect.poll(() => panel.locator('h2').textContent()).toBe(gardens)
    await expect
      .poll(() => panel.getByTestId('feature-programme-areas').textContent())
      .toContain('Leipziger Westen')
    const path = await page.evaluate(() => location.pathname)
    expect(path).toMatch(/^\/(plots|places)\/\d+$/)
    if (path.startsWith('/plots/')) {
      expect(await panel.getByTestId('feature-area').textContent()).toMatch(/^[\d.]+ m² \(\d+,\d{2} ha\)$/)
    }
    await waitForMapIdle(page)
    await page.screenshot({ path: join(screenshotDir, 'feature-panel.png') })

    // The map flew there: the chosen feature is drawn in view and highlighted.
    const [collection, id] = path.slice(1).split('/') as [string, string]
    const highlighted = await page.evaluate(
      ([layer]) =>
        window.__quartiersatlas?.map
          .queryRenderedFeatures({ layers: [`${layer}-highlight`, `${layer}-highlight-point`] })
          .map((feature) => feature.id) ?? [],
      [collection],
    )
    expect(highlighted).toContain(Number(id))

    // The same URL in a fresh page shows the same panel.
    const fresh = await app().newPage()
    await fresh.goto(`${app().baseUrl}${path}`)
    const freshPanel = fresh.locator('.feature-panel')
    await expect.poll(() => freshPanel.locator('h2').textContent()).toBe(gardens)
    await expect
      .poll(() => freshPanel.getByTestId('feature-programme-areas').textContent())
      .toContain('Leipziger Westen')
    expect(await freshPanel.locator('dl').textContent()).toBe(await panel.locator('dl').textContent())
    expect(page.errors).toEqual([])
    expect(fresh.errors).toEqual([])
  })

  it('opens a plot by its URL with area in m² and ha, and a click on the map opens another feature', async () => {
    const [plot] = await app().db.sql<{ id: number; area: number }[]>`
      select id, st_area(st_transform(geom, 25833)) as area from plots where name = 'Ehemalige Galvanik Plagwitz'`
    if (!plot) throw new Error('demo plot missing')
    const page = await app().newPage()
    await page.goto(`${app().baseUrl}/plots/${plot.id}`)
    const panel = page.locator('.feature-panel')
    await expect.poll(() => panel.locator('h2').textContent()).toBe('Ehemalige Galvanik Plagwitz')
    const expected = `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 }).format(plot.area)} m²`
    await expect.poll(() => panel.getByTestId('feature-area').textContent()).toContain(expected)
    expect(await panel.textContent()).toContain('Altlast')

    await waitForMapIdle(page)
    const point = await page.evaluate(() => {
      const map = window.__quartiersatlas?.map
      const [feature] = map?.queryRenderedFeatures({ layers: ['programme-areas-fill'] }) ?? []
      if (!map || !feature) return null
      // A pixel inside a programme area but off any plot, between the layer drawer (left) and
      // the feature panel (right): the area's panel opens.
      const canvas = map.getCanvas().getBoundingClientRect()
      for (let y = 20; y < canvas.height; y += 15) {
        for (let x = 360; x < canvas.width - 400; x += 15) {
          const hits = map.queryRenderedFeatures([x, y])
          if (hits.length > 0 && hits.every((hit) => hit.sourceLayer === 'programme-areas')) return { x, y }
        }
      }
      return null
    })
    expect(point).not.toBeNull()
    if (!point) return
    const box = await page.locator('.map canvas').boundingBox()
    await page.mouse.click((box?.x ?? 0) + point.x, (box?.y ?? 0) + point.y)
    await expect.poll(() => page.evaluate(() => location.pathname)).toMatch(/^\/programme-areas\/\d+$/)
    await expect.poll(() => panel.textContent()).toContain('Fördergebiete')
    expect(page.errors).toEqual([])
  })

  it('lists what the map shows and opens a feature from the list by keyboard', async () => {
    const page = await app().newPage()
    await page.goto(`${app().baseUrl}/#map=14.50/51.3360/12.3280`)
    await waitForMapIdle(page)
    await page.getByRole('button', { name: 'Liste' }).click()
    const item = page.locator('.list-view').getByRole('button', { name: /Lindenauer Nacht/ })
    await expect.poll(() => item.count()).toBe(1)
    await item.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.feature-panel h2').textContent()).toBe('Lindenauer Nacht')
    expect(await page.locator('.feature-panel').textContent()).toMatch(/Termine|Veranstaltung/)
    await page.screenshot({ path: join(screenshotDir, 'list-view.png') })
    expect(page.errors).toEqual([])
  })
})

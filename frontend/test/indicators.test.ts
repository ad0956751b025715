import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CompositeIndex, IndicatorClasses } from '../../backend/src/contract/indicators.schema.ts'
import { screenshotDir, useBrowserApp, waitForMapIdle } from './browser-app.ts'

const app = useBrowserApp()

const getJson = async <T>(path: string): Promise<T> =>
  (await (await fetch(`${app().baseUrl}${path}`)).json()) as T

describe('the indicator maps beside the map', () => {
  it("draws the classes the API computes: the legend's counts, the map's fills, the index ranking", async () => {
    const page = await app().newPage()
    await page.goto(`${app().baseUrl}/overlay`)
    await page.getByRole('tab', { name: 'Indikatoren' }).click()
    await page.locator('select[name="indicator"]').selectOption('kinderarmut')
    await page.locator('select[name="method"]').selectOption('jenks')

    // Natural breaks in five classes for the demo's latest year, as the server classes them.
    const expected = await getJson<IndicatorClasses>(
      '/api/indicators/kinderarmut/classes?year=2024&method=jenks&classes=5',
    )
    const legend = page.locator('.class-legend li')
    const counts = () =>
      legend.evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-count'))))
    await expect.poll(counts, { timeout: 20_000 }).toEqual(expected.classes.map((c) => c.count))
    expect(expected.classes.reduce((sum, c) => sum + c.count, 0)).toBe(63)
    // The text a person reads says the same.
    expect(await legend.first().locator('.count').textContent()).toBe(
      `${expected.classes[0]?.count} Ortsteile`,
    )

    // The map fills each district with its class's colour: the darkest for the highest class.
    await waitForMapIdle(page)
    const fills = await page.evaluate(() => {
      const map = window.__quartiersatlas?.map
      const colour = map?.getPaintProperty('indicator-choropleth', 'fill-color') as unknown[]
      return Object.fromEntries(
        Array.from({ length: (colour.length - 3) / 2 }, (_, i) => [colour[2 + 2 * i], colour[3 + 2 * i]]),
      ) as Record<number, string>
    })
    const colourOf = (cls: number) =>
      page
        .locator(`.class-legend li[data-class="${cls}"] .swatch-box`)
        .evaluate((el) => getComputedStyle(el).backgroundColor)
    const top = expected.districts.find((d) => d.class === 5)
    if (!top) throw new Error('no district in the highest class')
    expect(fills[top.id]).toBe('#800026')
    expect(await colourOf(5)).toBe('rgb(128, 0, 38)')
    await page.screenshot({ path: join(screenshotDir, 'indicators-choropleth.png') })

    // The composite index of all indicators, equal weights, z-scores: the view's first choice.
    await page.getByRole('tab', { name: 'Index' }).click()
    const keys = (
      await getJson<{ indicators: { key: string; higher_is: string }[] }>('/api/indicators')
    ).indicators
      .map((i) => `${i.key}:1:${i.higher_is}`)
      .join(',')
    const index = await getJson<CompositeIndex>(
      `/api/indicators/index?year=2024&indicators=${keys}&standardise=z&method=quantile&classes=5`,
    )
    const ranking = page.locator('.ranking li')
    await expect.poll(() => ranking.count(), { timeout: 20_000 }).toBe(63)
    expect(await ranking.first().getAttribute('data-key')).toBe(index.ranking[0]?.key)
    await expect.poll(counts).toEqual(index.classes.map((c) => c.count))
    const href = await page.getByRole('link', { name: 'Als CSV herunterladen' }).getAttribute('href')
    expect(href).toMatch(/^\/api\/indicators\/index\.csv\?year=2024&indicators=/)
    await page.screenshot({ path: join(screenshotDir, 'indicators-index.png') })
    await page.setViewportSize({ width: 390, height: 844 })
    await page.screenshot({ path: join(screenshotDir, 'indicators-index-phone.png') })
    expect(page.errors).toEqual([])
  })
})

import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { screenshotDir, useBrowserApp, waitForMapIdle } from './browser-app.ts'

const app = useBrowserApp()

describe('languages and phones', () => {
  it('?lang=en shows English, <html lang> follows, and the switch goes back to German', async () => {
    const page = await app().newPage()
    await page.goto(`${app().baseUrl}/?lang=en`)
    await waitForMapIdle(page)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(await page.getByRole('checkbox', { name: 'Plots (brownfields)' }).count()).toBe(1)
    expect(await page.locator('.legend').textContent()).toContain('interim use')
    await page.screenshot({ path: join(screenshotDir, 'map-english.png') })
    await page.getByRole('button', { name: 'Deutsch' }).click()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de')
    expect(await page.getByRole('checkbox', { name: 'Brachflächen' }).count()).toBe(1)
    expect(await page.evaluate(() => location.search)).toBe('')
    expect(page.errors).toEqual([])
  })

  it('at 390 × 844 search, layers and a feature panel are reachable with large touch targets', async () => {
    const page = await app().newPage({ width: 390, height: 844 }, true)
    await page.goto(`${app().baseUrl}/`)
    await waitForMapIdle(page)
    const search = page.getByRole('combobox', { name: 'Suche' })
    expect(await search.isVisible()).toBe(true)

    await page.getByRole('button', { name: 'Ebenen' }).tap()
    const plots = page.getByRole('checkbox', { name: 'Brachflächen' })
    expect(await plots.isVisible()).toBe(true)
    const toggle = await page.locator('.layer-list .toggle').first().boundingBox()
    expect(toggle?.height).toBeGreaterThanOrEqual(44)
    await page.screenshot({ path: join(screenshotDir, 'phone-layers.png') })
    await page.getByRole('button', { name: 'Schließen' }).tap()

    await search.fill('Josephstraße')
    const option = page.getByRole('option', { name: /Nachbarschaftsgärten Josephstraße/ }).first()
    await expect.poll(() => option.count()).toBeGreaterThan(0)
    const optionBox = await option.boundingBox()
    expect(optionBox?.height).toBeGreaterThanOrEqual(44)
    await option.tap()
    const panel = page.locator('.feature-panel')
    await expect.poll(() => panel.locator('h2').textContent()).toBe('Nachbarschaftsgärten Josephstraße')
    const sheet = await panel.boundingBox()
    // A bottom sheet: full width, anchored at the bottom, the map still visible above it.
    expect(sheet?.width).toBeGreaterThanOrEqual(388)
    expect((sheet?.y ?? 0) + (sheet?.height ?? 0)).toBeGreaterThan(840)
    expect(sheet?.y).toBeGreaterThan(300)
    const close = await panel.getByRole('button', { name: 'Schließen' }).boundingBox()
    expect(close?.height).toBeGreaterThanOrEqual(44)
    await waitForMapIdle(page)
    // The map moved the feature into the part of the map above the sheet.
    const mapBox = await page.locator('.map').boundingBox()
    const visibleHeight = (sheet?.y ?? 0) - (mapBox?.y ?? 0)
    const highlighted = await page.evaluate(
      (height) =>
        window.__quartiersatlas?.map.queryRenderedFeatures(
          [
            [0, 0],
            [390, height],
          ],
          { layers: ['plots-highlight', 'places-highlight-point'] },
        ).length ?? 0,
      visibleHeight,
    )
    expect(highlighted).toBeGreaterThan(0)
    await page.screenshot({ path: join(screenshotDir, 'phone-feature.png') })
    // Buttons behind the phone menu are measured when it opens (map-tools.test.ts).
    for (const button of await page.locator('.tools button:visible').all()) {
      expect((await button.boundingBox())?.height).toBeGreaterThanOrEqual(44)
    }
    expect(page.errors).toEqual([])
  })
})

import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { screenshotDir, useBrowserApp } from './browser-app.ts'
import { lindenau, openSignedIn } from './editing.testing.ts'

const app = useBrowserApp()

type Box = { x: number; y: number; width: number; height: number }

/** Whether two boxes share any area. */
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox()
  if (!box) throw new Error('not rendered')
  return box
}

/** Asserts that `locator` is entirely inside the viewport. */
async function expectInView(page: Page, locator: Locator) {
  const box = await boxOf(locator)
  const viewport = page.viewportSize() ?? { width: 0, height: 0 }
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.y).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width)
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height)
}

/** Opens the plots form signed in as the planner, with the layer drawer open beside it. */
async function openPanel(page: Page) {
  await openSignedIn(page, app().baseUrl, lindenau)
  await page.getByLabel('Ebene', { exact: true }).selectOption('plots')
  await page.getByRole('button', { name: 'Ebenen' }).click()
  await page.getByRole('checkbox', { name: 'Brachflächen' }).waitFor()
}

/** The texts of every label in the attribute form. */
const formLabels = (page: Page) => page.locator('.attribute-form label').allTextContents()

describe('the editing panel', () => {
  it('at 1440 × 900 is a full-height side sheet beside the layer panel, with labelled tools', async () => {
    const page = await app().newPage({ width: 1440, height: 900 })
    await openPanel(page)
    const panel = page.locator('.editing-panel')
    const sheet = await boxOf(panel)
    const stage = await boxOf(page.locator('.stage'))
    expect(sheet.height).toBeGreaterThan(stage.height - 30)
    expect(overlap(sheet, await boxOf(page.locator('.drawer')))).toBe(false)
    // A feature's panel opens beside the layer drawer, leaving the middle of the map free.
    const [quarter] = await app().db.sql<{ id: number }[]>`select id::int from quarters order by id limit 1`
    await page.evaluate((id) => history.pushState(null, '', `/quarters/${id}${location.hash}`), quarter?.id)
    await page.evaluate(() => dispatchEvent(new PopStateEvent('popstate')))
    const feature = await boxOf(page.locator('.feature-panel'))
    expect(overlap(feature, await boxOf(page.locator('.drawer')))).toBe(false)
    expect(overlap(feature, sheet)).toBe(false)
    expect(feature.x + feature.width).toBeLessThan(720)

    // Every tool shows a label and its key; the full name is its tooltip.
    const polygon = page.getByRole('button', { name: 'Fläche zeichnen' })
    expect(await polygon.locator('.tool-label').textContent()).toBe('Fläche')
    expect(await polygon.locator('kbd').isVisible()).toBe(true)
    expect(await polygon.locator('kbd').textContent()).toBe('P')
    expect(await polygon.getAttribute('title')).toBe('Fläche zeichnen (Taste P)')

    // Snapping is on: its switch carries the accent colour, not a washed-out grey.
    const snapping = page.getByRole('button', { name: 'Fangen an Stützpunkten und Kanten' })
    expect(await snapping.getAttribute('aria-pressed')).toBe('true')
    expect(await snapping.textContent()).toContain('Fangen: an')
    const colours = () =>
      snapping.evaluate((button) => {
        const style = getComputedStyle(button)
        const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()
        const probe = document.createElement('span')
        probe.style.color = accent
        document.body.append(probe)
        const accentRgb = getComputedStyle(probe).color
        probe.remove()
        return { background: style.backgroundColor, accent: accentRgb, opacity: style.opacity }
      })
    const on = await colours()
    expect(on.background).toBe(on.accent)
    expect(on.opacity).toBe('1')
    await snapping.click()
    expect(await snapping.textContent()).toContain('Fangen: aus')
    expect((await colours()).background).not.toBe(on.accent)

    // Save and discard stay in view below a long form.
    await expectInView(page, page.getByRole('button', { name: 'Speichern' }))
    await expectInView(page, page.getByRole('button', { name: 'Verwerfen' }))

    // Field names are words in both languages, never column names.
    const german = await formLabels(page)
    expect(german.join(' ')).toContain('Interne Notizen')
    expect(german.join(' ')).toContain('Eigentümer')
    for (const text of german) expect(text).not.toMatch(/_/)
    await page.screenshot({ path: join(screenshotDir, 'editing-panel-desktop.png') })
    await page.getByRole('button', { name: 'English' }).click()
    const english = await formLabels(page)
    expect(english.join(' ')).toContain('Internal notes')
    for (const text of english) expect(text).not.toMatch(/_/)
    expect(
      await page.getByRole('button', { name: 'Draw an area' }).locator('.tool-label').textContent(),
    ).toBe('Area')
    expect(page.errors).toEqual([])
  })

  it('at 390 × 844 is a bottom sheet with save and cancel in view, no sideways scroll, the layers above', async () => {
    const page = await app().newPage({ width: 390, height: 844 }, true)
    await openPanel(page)
    const panel = page.locator('.editing-panel')
    const sheet = await boxOf(panel)
    expect(sheet.width).toBeGreaterThanOrEqual(388)
    expect(sheet.y + sheet.height).toBeGreaterThan(840)
    await expectInView(page, page.getByRole('button', { name: 'Speichern' }))
    await expectInView(page, page.getByRole('button', { name: 'Verwerfen' }))
    await expectInView(page, page.getByRole('button', { name: 'Fangen an Stützpunkten und Kanten' }))
    const drawer = page.locator('.drawer')
    expect(overlap(sheet, await boxOf(drawer))).toBe(false)
    expect(await page.getByRole('checkbox', { name: 'Brachflächen' }).isVisible()).toBe(true)
    // Nothing else (the account bar) lies on top of the layer panel either.
    const covered = await drawer.evaluate((element) => {
      const box = element.getBoundingClientRect()
      const points = [0.25, 0.5, 0.75].flatMap((fx) =>
        [0.25, 0.5, 0.9].map((fy) => [box.left + box.width * fx, box.top + box.height * fy] as const),
      )
      return points.filter(([x, y]) => !element.contains(document.elementFromPoint(x, y))).length
    })
    expect(covered).toBe(0)
    const sideways = await page.evaluate(() =>
      [document.documentElement, ...document.querySelectorAll('.editing-panel, .editing-panel *')]
        .filter((element) => {
          const overflow = getComputedStyle(element).overflowX
          const scrolls = element === document.documentElement || overflow === 'auto' || overflow === 'scroll'
          return scrolls && element.scrollWidth > element.clientWidth + 1
        })
        .map((element) => element.className || element.tagName),
    )
    expect(sideways).toEqual([])
    await page.screenshot({ path: join(screenshotDir, 'editing-panel-phone.png') })
    expect(page.errors).toEqual([])
  })
})

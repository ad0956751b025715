import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { demoAccounts } from '../../backend/src/auth/demo-accounts.ts'
import { allowAxe, axeViolations } from './axe.testing.ts'
import { screenshotDir, useBrowserApp, waitForMapIdle } from './browser-app.ts'

// The WCAG 2.1 AA audit (BITV 2.0) of every screen and state, with axe-core: German and English,
// desktop and phone. One page per language and size, walked from state to state, to keep the
// file's time down. Serious and critical violations fail; a moderate one only with a reason here.

/** Moderate violations we accept, by axe rule id, each with why. None so far. */
const acceptedModerate: Readonly<Record<string, string>> = {}

type Lang = 'de' | 'en'
const desktop = { width: 1280, height: 800 }
const phone = { width: 390, height: 844 }
const setups = [
  { lang: 'de', size: 'desktop' },
  { lang: 'en', size: 'phone' },
  { lang: 'en', size: 'desktop' },
  { lang: 'de', size: 'phone' },
] as const

/** The words the walk clicks on, in each language. */
const words = {
  de: {
    layers: 'Ebenen',
    filters: 'Filter',
    list: 'Liste',
    overlay: 'Gebietsvergleich',
    menu: 'Menü',
    close: 'Schließen',
    search: 'Suche',
    signIn: 'Anmelden',
    signOut: 'Abmelden',
    register: 'Konto anlegen',
    statement: 'Erklärung zur Barrierefreiheit',
    easy: 'Leichte Sprache',
    send: 'Meldung senden',
    workspace: 'Zwischennutzung',
    email: 'E-Mail',
    password: 'Passwort',
    layerSelect: 'Ebene',
  },
  en: {
    layers: 'Layers',
    filters: 'Filters',
    list: 'List',
    overlay: 'Compare areas',
    menu: 'Menu',
    close: 'Close',
    search: 'Search',
    signIn: 'Sign in',
    signOut: 'Sign out',
    register: 'Create account',
    statement: 'Accessibility statement',
    easy: 'Easy to read',
    send: 'Send report',
    workspace: 'Interim use',
    email: 'E-mail',
    password: 'Password',
    layerSelect: 'Layer',
  },
} as const satisfies Record<Lang, Record<string, string>>

const app = useBrowserApp()

/** Audits the page as it is now; returns the findings that fail, named by the state. */
async function audit(page: Page, state: string): Promise<string[]> {
  const failing = (await axeViolations(page)).filter(
    (v) =>
      v.impact === 'serious' ||
      v.impact === 'critical' ||
      (v.impact === 'moderate' && !acceptedModerate[v.id]),
  )
  return failing.map(
    (v) => `${state}: ${v.impact} ${v.id} (${v.help}) at ${v.targets.slice(0, 4).join(', ')}`,
  )
}

/** Clicks a header button, through the phone menu when it hides there. */
async function headerButton(page: Page, lang: Lang, name: string): Promise<void> {
  const button = page.locator('.tools').getByRole('button', { name, exact: true })
  if (!(await button.isVisible())) await page.getByRole('button', { name: words[lang].menu }).click()
  await button.click()
}

async function openPage(lang: Lang, size: 'desktop' | 'phone'): Promise<Page & { errors: string[] }> {
  const page = await app().newPage(size === 'phone' ? phone : desktop, size === 'phone')
  await allowAxe(page)
  await page.goto(`${app().baseUrl}/${lang === 'en' ? '?lang=en' : ''}`)
  await waitForMapIdle(page)
  return page
}

describe('WCAG 2.1 AA audit with axe-core', () => {
  it.each(setups)('every screen a visitor sees ($lang, $size)', async ({ lang, size }) => {
    const w = words[lang]
    const page = await openPage(lang, size)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang)
    const found: string[] = []
    if (!(await page.locator('.drawer').isVisible())) await headerButton(page, lang, w.layers)
    found.push(...(await audit(page, 'map with layers')))
    await headerButton(page, lang, w.filters)
    found.push(...(await audit(page, 'filters')))
    await headerButton(page, lang, w.list)
    await page.locator('.list-view').waitFor()
    found.push(...(await audit(page, 'list')))
    await page.locator('.drawer').getByRole('button', { name: w.close }).click()

    await headerButton(page, lang, w.overlay)
    await page.locator('.overlay-table').waitFor()
    found.push(...(await audit(page, 'area comparison')))
    await page.locator('.overlay-view').getByRole('button', { name: w.close }).click()

    await page.getByRole('combobox', { name: w.search }).fill('Josephstraße')
    const garden = page.getByRole('option', { name: /Nachbarschaftsgärten Josephstraße/ }).first()
    await garden.waitFor()
    found.push(...(await audit(page, 'search results')))
    // A phone's finger taps (a mouse click lands on the result list's neighbour there).
    await (size === 'phone' ? garden.tap() : garden.click())
    await page.locator('.feature-panel h2', { hasText: 'Josephstraße' }).waitFor()
    found.push(...(await audit(page, 'feature panel')))
    await page.screenshot({ path: join(screenshotDir, `a11y-feature-${lang}-${size}.png`) })
    await page.locator('.feature-panel').getByRole('button', { name: w.close }).click()

    await page.getByRole('link', { name: w.statement }).click()
    const statement = page.getByRole('article', { name: w.statement })
    await statement.waitFor()
    found.push(...(await audit(page, 'accessibility statement')))
    await statement.getByRole('button', { name: w.send }).click()
    await statement.locator('#feedback-message-error').waitFor()
    found.push(...(await audit(page, 'feedback form with an error')))
    await page.screenshot({ path: join(screenshotDir, `a11y-statement-${lang}-${size}.png`) })
    await statement.getByRole('button', { name: w.close }).click()
    await page.getByRole('link', { name: w.easy }).click()
    await page.getByRole('article', { name: w.easy }).waitFor()
    found.push(...(await audit(page, 'easy language')))
    await page.getByRole('article', { name: w.easy }).getByRole('button', { name: w.close }).click()

    await page.getByRole('button', { name: w.signIn, exact: true }).first().click()
    const dialog = page.locator('dialog.sign-in')
    await dialog.waitFor()
    found.push(...(await audit(page, 'sign-in dialog')))
    await dialog.getByRole('button', { name: w.register }).click()
    await dialog.getByRole('radio').first().waitFor()
    found.push(...(await audit(page, 'registration dialog')))
    expect(found).toEqual([])
    expect(page.errors).toEqual([])
  })

  it.each(setups.slice(0, 2))(
    "each role's workspace tabs and the editing panel ($lang, $size)",
    async ({ lang, size }) => {
      const w = words[lang]
      const page = await openPage(lang, size)
      const found: string[] = []
      for (const account of demoAccounts) {
        await page.getByRole('button', { name: w.signIn, exact: true }).first().click()
        await page.getByLabel(w.email).fill(account.email)
        await page.getByLabel(w.password).fill(account.password)
        await page.locator('dialog.sign-in').getByRole('button', { name: w.signIn }).click()
        await page.getByRole('button', { name: w.workspace }).click()
        const workspace = page.getByRole('complementary', { name: w.workspace })
        for (const tab of await workspace.getByRole('tab').all()) {
          await tab.click()
          const panel = workspace.getByRole('tabpanel')
          await expect.poll(() => panel.textContent()).not.toMatch(/Lädt|Loading/)
          found.push(...(await audit(page, `${account.role}: ${await tab.textContent()}`)))
        }
        await workspace.getByRole('button', { name: w.close }).first().click()
        if (account.role === 'planner' && size === 'desktop') {
          await page.getByLabel(w.layerSelect, { exact: true }).selectOption('plots')
          await page.locator('.attribute-form').waitFor()
          found.push(...(await audit(page, 'editing panel')))
          await page.screenshot({ path: join(screenshotDir, `a11y-editing-${lang}-${size}.png`) })
        }
        await page.getByRole('button', { name: w.signOut }).click()
      }
      expect(found).toEqual([])
      expect(page.errors).toEqual([])
    },
  )
})

/** Presses Tab (Shift+Tab `back`) until the focused element matches `selector` and holds `text`. */
async function tabTo(page: Page, selector: string, text = '', back = false): Promise<void> {
  for (let i = 0; i < 80; i++) {
    const there = await page.evaluate(
      ([sel, txt]) => {
        const focused = document.activeElement
        return Boolean(focused?.matches(sel as string) && focused.textContent?.includes(txt as string))
      },
      [selector, text],
    )
    if (there) return
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
  }
  throw new Error(`Tab never reached ${selector} ${text}`)
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement
    return `${element?.tagName.toLowerCase()}#${element?.id} ${element?.textContent?.trim() ?? ''}`
  })

describe('keyboard only, with reduced motion', () => {
  it('a resident searches Josephstraße, reads the garden, pans and zooms the map, opens a festival from the list', async () => {
    const page = await app().newPage()
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.goto(`${app().baseUrl}/#map=16.00/51.3336/12.3350`)
    await waitForMapIdle(page)
    await page.evaluate(() => {
      const state = window as unknown as { moves: number }
      state.moves = 0
      window.__quartiersatlas?.map.on('move', () => state.moves++)
    })

    // The sign-in dialog takes the focus and gives it back when it closes.
    await tabTo(page, 'button.account-bar', 'Anmelden')
    await page.keyboard.press('Enter')
    await page.locator('dialog.sign-in').waitFor()
    expect(await focused(page)).toMatch(/^input/)
    await tabTo(page, 'dialog.sign-in button', 'Schließen')
    await page.keyboard.press('Enter')
    await page.locator('dialog.sign-in').waitFor({ state: 'detached' })
    expect(await focused(page)).toContain('Anmelden')

    await tabTo(page, '#search-input', '', true)
    await page.keyboard.type('Josephstraße')
    const garden = page.getByRole('option', { name: /Nachbarschaftsgärten Josephstraße/ }).first()
    await garden.waitFor()
    for (let i = 0; i < 10 && (await garden.getAttribute('aria-selected')) !== 'true'; i++) {
      await page.keyboard.press('ArrowDown')
    }
    await page.keyboard.press('Enter')
    const panel = page.locator('.feature-panel')
    await panel.locator('h2', { hasText: 'Nachbarschaftsgärten Josephstraße' }).waitFor()
    // The panel's heading has the focus, and the live region says what was chosen.
    expect(await focused(page)).toContain('h2#feature-title Nachbarschaftsgärten Josephstraße')
    await expect
      .poll(() => page.getByTestId('announcer').textContent())
      .toBe('Ausgewählt: Nachbarschaftsgärten Josephstraße (Brachflächen)')
    expect(await panel.textContent()).toContain('Josephstraße')
    await waitForMapIdle(page)
    // Reduced motion: the map jumped to the garden (a fly would move it in dozens of frames).
    expect(await page.evaluate(() => (window as unknown as { moves: number }).moves)).toBeLessThanOrEqual(3)

    await tabTo(page, '.feature-panel button.close')
    await page.keyboard.press('Enter')
    await panel.waitFor({ state: 'detached' })
    expect(await focused(page)).toMatch(/^input#search-input/)

    // The map's canvas takes the focus; minus zooms out and an arrow key pans.
    await tabTo(page, 'canvas')
    expect(await page.locator('canvas').getAttribute('aria-label')).toBe(
      'Karte: Pfeiltasten verschieben, Plus und Minus zoomen',
    )
    const camera = () =>
      page.evaluate(() => {
        const map = window.__quartiersatlas?.map
        return { zoom: map?.getZoom() ?? 0, lon: map?.getCenter().lng ?? 0 }
      })
    const before = await camera()
    await page.keyboard.press('Minus')
    await expect.poll(async () => (await camera()).zoom).toBeLessThan(before.zoom - 0.5)
    await page.keyboard.press('ArrowLeft')
    await expect.poll(async () => (await camera()).lon).toBeLessThan(before.lon)
    await waitForMapIdle(page)

    await tabTo(page, '.tools button', 'Liste', true)
    await page.keyboard.press('Enter')
    await page.locator('.list-view').waitFor()
    await tabTo(page, '.list-item', 'Lindenauer Stadtteilfest')
    await page.keyboard.press('Enter')
    await panel.locator('h2', { hasText: 'Lindenauer Stadtteilfest' }).waitFor()
    expect(await focused(page)).toContain('Lindenauer Stadtteilfest')
    await page.screenshot({ path: join(screenshotDir, 'a11y-keyboard-festival.png') })
    expect(page.errors).toEqual([])
  })
})

/** What a reader must reach in the header and the legal strip, and what stays off-screen. */
async function reflow(page: Page) {
  return page.evaluate(() => {
    const within = (element: Element) => {
      const box = element.getBoundingClientRect()
      const style = getComputedStyle(element)
      const shown = box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
      if (!shown || box.left < -0.5 || box.right > innerWidth + 0.5 || box.top < -0.5) return false
      // Not covered either: both ends of every line of it are its own (a neighbour drawn over a
      // title cuts words off without any overflow).
      return [...element.getClientRects()].every((line) =>
        [line.left + 2, line.right - 2].every((x) => {
          const hit = document.elementFromPoint(x, line.top + line.height / 2)
          return hit !== null && (element === hit || element.contains(hit))
        }),
      )
    }
    const wanted = [...document.querySelectorAll('header.topbar :is(button, a, input), .legal-links a')]
    return {
      overflow: (document.scrollingElement?.scrollWidth ?? 0) - innerWidth,
      unreachable: wanted
        .filter((element) => !within(element))
        .map((element) => `${element.tagName.toLowerCase()} ${element.textContent?.trim() || element.id}`),
    }
  })
}

describe('200 % zoom and 320 px width (WCAG 1.4.4, 1.4.10)', () => {
  it('no sideways scrolling; every header action, the search box and the legal links stay in reach', async () => {
    // 640×400 CSS pixels are a 1280×800 screen at 200 % zoom; 320×640 is the narrowest phone.
    for (const [viewport, phone] of [
      [{ width: 640, height: 400 }, false],
      [{ width: 320, height: 640 }, true],
    ] as const) {
      const page = await app().newPage(viewport, phone)
      await page.goto(`${app().baseUrl}/`)
      await waitForMapIdle(page)
      const size = `${viewport.width}×${viewport.height}`
      await page.screenshot({ path: join(screenshotDir, `a11y-reflow-${size}.png`) })
      const shut = await reflow(page)
      expect(shut.overflow, size).toBeLessThanOrEqual(0)
      expect(await page.locator('#search-input').isVisible(), size).toBe(true)
      // What the bar has no room for sits in the header menu: with it open, the rest is in reach
      // (the open menu may cover the legal links, which are in reach with it shut).
      const menu = page.getByRole('button', { name: words.de.menu })
      if (shut.unreachable.length > 0 && (await menu.isVisible())) await menu.click()
      const open = await reflow(page)
      await page.screenshot({ path: join(screenshotDir, `a11y-reflow-${size}-menu.png`) })
      expect(open.overflow, size).toBeLessThanOrEqual(0)
      expect(
        shut.unreachable.filter((name) => open.unreachable.includes(name)),
        size,
      ).toEqual([])
      expect(page.errors).toEqual([])
    }
  })
})

describe('keyboard only: an owner', () => {
  it('signs in and offers land from an address, without drawing; a planner accepts it', async () => {
    const owner = demoAccounts.find((account) => account.role === 'owner')
    if (!owner) throw new Error('no demo owner')
    const page = await app().newPage()
    await page.goto(`${app().baseUrl}/#map=16.00/51.3336/12.3350`)
    await waitForMapIdle(page)

    await tabTo(page, 'button.account-bar', 'Anmelden')
    await page.keyboard.press('Enter')
    await page.locator('dialog.sign-in').waitFor()
    await page.keyboard.type(owner.email)
    await page.keyboard.press('Tab')
    await page.keyboard.type(owner.password)
    await page.keyboard.press('Enter')
    await page.locator('dialog.sign-in').waitFor({ state: 'detached' })

    await tabTo(page, 'button', 'Zwischennutzung')
    await page.keyboard.press('Enter')
    const workspace = page.getByRole('complementary', { name: 'Zwischennutzung' })
    await workspace.getByRole('tab', { name: 'Meine Angebote', selected: true }).waitFor()
    await tabTo(page, 'button', 'Fläche anbieten')
    await page.keyboard.press('Enter')
    await tabTo(page, '#offer-address-input')
    await page.keyboard.type('Siemeringstraße 16')
    const address = workspace.getByRole('option').filter({ hasText: 'Siemeringstraße 16' }).first()
    await address.waitFor()
    for (let i = 0; i < 10 && (await address.getAttribute('aria-selected')) !== 'true'; i++) {
      await page.keyboard.press('ArrowDown')
    }
    await page.keyboard.press('Enter')
    // The address lies in the Josephstraße gardens: that plot is chosen, nothing is drawn.
    await workspace.getByText('Gewählte Fläche: Nachbarschaftsgärten Josephstraße').waitFor()
    await tabTo(page, 'input[name="title"]')
    await page.keyboard.type('Per Tastatur angeboten (Test)')
    await page.keyboard.press('Enter')
    await workspace.getByRole('status').filter({ hasText: 'Ihr Angebot ist eingereicht.' }).waitFor()
    await page.screenshot({ path: join(screenshotDir, 'a11y-keyboard-offer.png') })

    const [offer] = await app().db.sql<{ plot: string; no_geometry: boolean }[]>`
      select p.name as plot, o.geom is null as no_geometry
        from offers o join plots p on p.id = o.plot_id where o.title = 'Per Tastatur angeboten (Test)'`
    expect(offer).toEqual({ plot: 'Nachbarschaftsgärten Josephstraße', no_geometry: true })

    // A planner, keyboard only too, reviews that offer and accepts it.
    const planner = demoAccounts.find((account) => account.role === 'planner')
    if (!planner) throw new Error('no demo planner')
    await tabTo(page, 'button', 'Abmelden')
    await page.keyboard.press('Enter')
    await tabTo(page, 'button.account-bar', 'Anmelden', true)
    await page.keyboard.press('Enter')
    await page.locator('dialog.sign-in').waitFor()
    await page.keyboard.type(planner.email)
    await page.keyboard.press('Tab')
    await page.keyboard.type(planner.password)
    await page.keyboard.press('Enter')
    await page.locator('dialog.sign-in').waitFor({ state: 'detached' })
    await tabTo(page, 'button', 'Zwischennutzung')
    await page.keyboard.press('Enter')
    await workspace.getByRole('tab', { name: 'Angebote prüfen', selected: true }).waitFor()
    await workspace.getByRole('article', { name: 'Per Tastatur angeboten (Test)' }).waitFor()
    for (let i = 0; ; i++) {
      const onIt = await page.evaluate(() => {
        const focused = document.activeElement
        return (
          focused?.textContent?.trim() === 'Annehmen' &&
          Boolean(focused.closest('article')?.textContent?.includes('Per Tastatur angeboten (Test)'))
        )
      })
      if (onIt) break
      if (i > 120) throw new Error("Tab never reached the offer's accept button")
      await page.keyboard.press('Tab')
    }
    await page.keyboard.press('Enter')
    await page.getByRole('alertdialog', { name: 'Angebot annehmen?' }).waitFor()
    await tabTo(page, 'dialog.confirm button', 'Annahme bestätigen')
    await page.keyboard.press('Enter')
    await expect
      .poll(
        async () =>
          (
            await app().db.sql<{ status: string }[]>`
              select status from offers where title = 'Per Tastatur angeboten (Test)'`
          )[0]?.status,
      )
      .toBe('accepted')
    expect(page.errors).toEqual([])
  })
})

import type { Page } from 'playwright-core'

// Helpers for the editing browser tests: sign in through the dialog, turn lon/lat into page
// pixels, click vertices with the mouse as a planner would.

export const planner = { email: 'planer@quartiersatlas.example', password: 'demo-planer-2026' }

/** Lindenau, north of Josephstraße, where the demo data has no plot and the demo planner works. */
export const lindenau = '/#map=17.50/51.33660/12.33500'
/** An open ring of about 6,600 m² there, to draw. */
export const lindenauRing = [
  [12.3343, 51.3363],
  [12.3356, 51.3363],
  [12.3357, 51.3369],
  [12.3344, 51.337],
] as const

/** Opens `path`, signs in through the sign-in dialog and waits for the editing toolbar. */
export async function openSignedIn(
  page: Page,
  baseUrl: string,
  path: string,
  account = planner,
): Promise<void> {
  await page.goto(`${baseUrl}${path}`)
  await waitForMapSettled(page)
  await page.getByRole('button', { name: 'Anmelden' }).click()
  await page.getByLabel('E-Mail').fill(account.email)
  await page.getByLabel('Passwort').fill(account.password)
  await page.locator('dialog.sign-in').getByRole('button', { name: 'Anmelden' }).click()
  await page.getByRole('toolbar', { name: 'Bearbeiten' }).waitFor({ timeout: 30_000 })
  // The layer drawer covers the left of the map; planners close it to draw.
  const drawerClose = page.locator('.drawer .close')
  if (await drawerClose.count()) await drawerClose.click()
}

/** The page pixel of a lon/lat position on the map. */
export async function pixelOf(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([x, y]) => {
      const map = window.__quartiersatlas?.map
      if (!map) throw new Error('no map')
      const point = map.project([x as number, y as number])
      const box = map.getCanvas().getBoundingClientRect()
      return { x: box.left + point.x, y: box.top + point.y }
    },
    [lon, lat],
  )
}

/** Clicks the map at each lon/lat in turn, moving the mouse there first as a hand would. */
export async function clickPositions(
  page: Page,
  positions: ReadonlyArray<readonly [number, number]>,
): Promise<void> {
  for (const [lon, lat] of positions) {
    const { x, y } = await pixelOf(page, lon, lat)
    await clickMap(page, x, y)
  }
}

/**
 * Moves the mouse to pixel x, y of the map as a hand would, clicks once and waits until the map
 * has handled that click. Each click is a single click (click count 1), so two in quick
 * succession are never a double-click that the map would take as "zoom in".
 */
export async function clickMap(page: Page, x: number, y: number): Promise<void> {
  await page.mouse.move(x, y, { steps: 4 })
  await page.evaluate(() => {
    const map = window.__quartiersatlas?.map
    if (!map) throw new Error('no map')
    const handled = new Promise<void>((resolve) => map.once('click', () => resolve()))
    Object.assign(window, { __mapClickHandled: handled })
  })
  await page.mouse.click(x, y, { clickCount: 1 })
  await page.evaluate(() => (window as unknown as { __mapClickHandled: Promise<void> }).__mapClickHandled)
}

/** Draws a polygon through `ring` (open: the first vertex is clicked again to close it). */
export async function drawPolygon(page: Page, ring: ReadonlyArray<readonly [number, number]>): Promise<void> {
  await page.getByRole('button', { name: 'Fläche zeichnen' }).click()
  const first = ring[0]
  if (!first) throw new Error('empty ring')
  await clickPositions(page, [...ring, first])
}

/** The area the editing panel shows for what is drawn, in m². */
export async function shownArea(page: Page): Promise<number> {
  return Number(await page.locator('.measurement').getAttribute('data-area-m2'))
}

/** Waits until the map has its style and stands still (tiles may still be arriving). */
export async function waitForMapSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const map = window.__quartiersatlas?.map
      return Boolean(map?.isStyleLoaded() && !map.isMoving())
    },
    undefined,
    { timeout: 90_000 },
  )
}

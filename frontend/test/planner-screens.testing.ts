import type { Geometry } from 'geojson'
import type { Locator, Page } from 'playwright-core'
import { call } from '../../backend/src/agreements/interim-use.testing.ts'
import { createApp } from '../../backend/src/app.ts'
import { mailedConfirmationToken } from '../../backend/src/auth/auth.testing.ts'
import { createApiToken } from '../../backend/src/auth/tokens.queries.ts'
import type { Database } from '../../backend/src/db/database.ts'
import { waitForMapSettled } from './editing.testing.ts'

// Helpers for the planners' screens tests: offers submitted through the API as their owner would,
// an owner's sign-in (owners have no editing toolbar to wait for), the workspace, the map's outline.

/** Submits an offer of `geometry` for the owner `ownerId` (with the owner's contact); returns its id. */
export async function seedOffer(
  db: Database,
  ownerId: number,
  title: string,
  geometry: unknown,
): Promise<number> {
  const { token } = await createApiToken(db.sql, ownerId, 'planner-screens test')
  const reply = await call(createApp(db), 'POST', '/api/offers', {
    headers: { Authorization: `Bearer ${token}` },
    json: {
      title,
      geometry: geometry as Geometry,
      available_from: '2027-01-01',
      available_until: '2032-12-31',
      allowed_uses: ['community_garden'],
      conditions: 'Keine festen Bauten',
      contact: { contact_name: 'Hausverwaltung Lindenau (Test)', phone: '0341 000 000' },
    },
  })
  if (reply.status !== 201) throw new Error(`offer: ${reply.status} ${reply.text}`)
  return reply.body.id as number
}

/** Opens `path` and signs in through the sign-in dialog as an owner. */
export async function signInOwner(
  page: Page,
  baseUrl: string,
  path: string,
  email: string,
  password: string,
) {
  await page.goto(`${baseUrl}${path}`)
  await waitForMapSettled(page)
  await page.getByRole('button', { name: 'Anmelden' }).click()
  await page.getByLabel('E-Mail').fill(email)
  await page.getByLabel('Passwort').fill(password)
  await page.locator('dialog.sign-in').getByRole('button', { name: 'Anmelden' }).click()
  await page.getByRole('button', { name: 'Zwischennutzung' }).waitFor()
}

/** Opens the workspace from the account bar and waits for `tab` to be the selected tab. */
export async function openWorkspace(page: Page, tab: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Zwischennutzung' }).click()
  const workspace = page.getByRole('complementary', { name: 'Zwischennutzung' })
  await workspace.getByRole('tab', { name: tab, selected: true }).waitFor()
  return workspace
}

/** An offer's status and review reason as stored. */
export async function offerStatus(
  db: Database,
  id: number,
): Promise<{ status: string; review_reason: string | null }> {
  const [row] = await db.sql<{ status: string; review_reason: string | null }[]>`
    select status, review_reason from offers where id = ${id}`
  return row ?? { status: 'missing', review_reason: null }
}

/** How many features the map outlines as being in no tile (offers shown from the queue). */
export function outlinedFeatures(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const source = window.__quartiersatlas?.map.getSource('editing-outline') as
      | { getData(): Promise<{ features?: unknown[] }> }
      | undefined
    return source ? ((await source.getData()).features?.length ?? 0) : 0
  })
}

/** Whether the map has come to rest with `lonLat` in view at a zoom that shows a plot. */
export function mapShows(page: Page, lonLat: [number, number]): Promise<boolean> {
  return page.evaluate((point) => {
    const map = window.__quartiersatlas?.map
    return Boolean(map && !map.isMoving() && map.getZoom() > 15 && map.getBounds().contains(point))
  }, lonLat)
}

/**
 * After a registration in the dialog: waits for its "check your mail" message, takes the link
 * mailed to `email` from the outbox and opens it in a fresh load, as the person would.
 */
export async function followConfirmationLink(page: Page, baseUrl: string, db: Database, email: string) {
  await page.locator('dialog.sign-in').getByRole('status').filter({ hasText: email }).waitFor()
  const token = await mailedConfirmationToken(db, email)
  // A link differing only in its fragment would not load the page again.
  await page.goto('about:blank')
  await page.goto(`${baseUrl}/#confirm=${token}`)
  await page.getByRole('button', { name: 'Zwischennutzung' }).waitFor()
}

import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { call, square } from '../../backend/src/agreements/interim-use.testing.ts'
import { createApp } from '../../backend/src/app.ts'
import { createUser } from '../../backend/src/auth/auth.testing.ts'
import { createApiToken } from '../../backend/src/auth/tokens.queries.ts'
import { useBrowserApp, waitForMapIdle } from './browser-app.ts'
import { lindenau, openSignedIn, pixelOf, waitForMapSettled } from './editing.testing.ts'
import { followConfirmationLink, openWorkspace, seedOffer, signInOwner } from './planner-screens.testing.ts'

// The owner's side beyond the first offer: registering (refused and as an organisation), picking
// an existing plot, revising after the planner asked for changes, withdrawing; and a resident's
// own data: download and erasure.

const app = useBrowserApp()

/** Opens the registration form of the sign-in dialog. */
async function openRegistration(page: Page): Promise<void> {
  await page.goto(`${app().baseUrl}${lindenau}`)
  await waitForMapSettled(page)
  await page.getByRole('button', { name: 'Anmelden' }).click()
  await page.locator('dialog.sign-in').getByRole('button', { name: 'Konto anlegen' }).click()
}

describe('registration', () => {
  it("refuses a short password with the server's words and stores nothing", async () => {
    const page = await app().newPage()
    await openRegistration(page)
    const dialog = page.locator('dialog.sign-in')
    await dialog.getByLabel('E-Mail').fill('kurz@example.org')
    // The browser's own length check is not what is tested here: the server's answer is.
    await dialog.getByLabel('Passwort').evaluate((input) => input.removeAttribute('minlength'))
    await dialog.getByLabel('Passwort').fill('kurz')
    await dialog.getByRole('button', { name: 'Konto anlegen' }).click()
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('at least 10 characters')
    const [row] = await app().db.sql`select count(*)::int as n from users where email = 'kurz@example.org'`
    expect(row?.n).toBe(0)
  })

  it('registers an owner who acts for an organisation: the party is that organisation', async () => {
    const page = await app().newPage()
    await openRegistration(page)
    const dialog = page.locator('dialog.sign-in')
    await dialog.getByLabel('E-Mail').fill('liegenschaften@wohnungsgenossenschaft.example')
    await dialog.getByLabel('Passwort').fill('genossenschaft-2026')
    await dialog
      .getByLabel('Für eine Organisation (Firma, Verein): ihr Name (freiwillig)')
      .fill('Wohnungsgenossenschaft Lindenau (Test)')
    await dialog.getByRole('button', { name: 'Konto anlegen' }).click()
    await followConfirmationLink(
      page,
      app().baseUrl,
      app().db,
      'liegenschaften@wohnungsgenossenschaft.example',
    )
    const [party] = await app().db.sql<{ kind: string; public_name: string; confirmed: boolean }[]>`
      select p.kind, p.public_name, p.confirmed_at is not null as confirmed
        from users u join parties p on p.id = u.party_id
       where u.email = 'liegenschaften@wohnungsgenossenschaft.example'`
    expect(party).toEqual({
      kind: 'organisation',
      public_name: 'Wohnungsgenossenschaft Lindenau (Test)',
      confirmed: false,
    })
  })

  it('gives a resident only notifications and their own data, which they download and erase', async () => {
    const page = await app().newPage()
    await openRegistration(page)
    const dialog = page.locator('dialog.sign-in')
    await dialog.getByLabel('E-Mail').fill('nachbarschaft-3f9e@example.org')
    await dialog.getByLabel('Passwort').fill('bewohnerin-2026')
    await dialog.getByLabel('Bewohner/in').check()
    await expect.poll(() => dialog.getByLabel(/Organisation/).count()).toBe(0)
    await dialog.getByRole('button', { name: 'Konto anlegen' }).click()
    await followConfirmationLink(page, app().baseUrl, app().db, 'nachbarschaft-3f9e@example.org')
    const workspace = await openWorkspace(page, 'Benachrichtigungen')
    expect(await workspace.getByRole('tab').allTextContents()).toEqual(['Benachrichtigungen', 'Meine Daten'])
    const [resident] = await app().db.sql<{ id: number }[]>`
      select id from users where email = 'nachbarschaft-3f9e@example.org' and role = 'resident'`

    await workspace.getByRole('tab', { name: 'Meine Daten' }).click()
    const link = workspace.getByRole('link', { name: 'Alle meine Daten herunterladen (JSON)' })
    const exported = await page.evaluate(
      async (href) => (await fetch(href ?? '')).text(),
      await link.getAttribute('href'),
    )
    expect(exported).toContain('nachbarschaft-3f9e@example.org')

    await workspace.getByRole('button', { name: 'Löschung meiner Daten beantragen' }).click()
    await workspace.getByRole('button', { name: /Ja, meine personenbezogenen Daten löschen/ }).click()
    await workspace.getByRole('status').filter({ hasText: 'Ihre Daten sind gelöscht.' }).waitFor()
    await workspace.getByRole('button', { name: 'Zurück zur Karte' }).click()
    await page.getByRole('button', { name: 'Anmelden' }).waitFor()
    const [left] = await app().db.sql`select email from users where id = ${resident?.id ?? 0}`
    expect(left?.email).not.toContain('nachbarschaft-3f9e')
    const [erasure] = await app().db.sql`
      select count(*)::int as n from audit_log
       where action = 'erase' and table_name = 'users' and row_id = ${resident?.id ?? 0}`
    expect(erasure?.n).toBe(1)
    expect(page.errors).toEqual([])
  })
})

describe('an organisation named by an owner', () => {
  it("shows planners an unconfirmed organisation until one confirms it, and an offer of another party's plot", async () => {
    const owner = await createUser(app().db, 'owner')
    const { token } = await createApiToken(app().db.sql, owner.id, 'test')
    const title = 'Hof an der Josephstraße (Test)'
    const offered = await call(createApp(app().db), 'POST', '/api/offers', {
      headers: { Authorization: `Bearer ${token}` },
      json: {
        title,
        geometry: square(12.3349, 51.3364, 0.0003),
        organisation: 'Stadtbau Lindenau AG (Test)',
      },
    })
    expect(offered.status).toBe(201)
    // The same owner also offers a plot the map records as another party's.
    const [plot] = await app().db.sql<{ id: number }[]>`
      select id from plots where owner_party_id is not null order by id limit 1`
    const foreignTitle = 'Brache eines anderen (Test)'
    const foreign = await call(createApp(app().db), 'POST', '/api/offers', {
      headers: { Authorization: `Bearer ${token}` },
      json: { title: foreignTitle, plot_id: plot?.id },
    })
    expect(foreign.status).toBe(201)
    const page = await app().newPage()
    await openSignedIn(page, app().baseUrl, lindenau)
    const workspace = await openWorkspace(page, 'Angebote prüfen')
    await workspace
      .locator('article.offer-review')
      .filter({ hasText: foreignTitle })
      .getByText('als Eigentum einer anderen Partei erfasst')
      .waitFor()
    const card = workspace.locator('article.offer-review').filter({ hasText: title })
    await card.getByText('nicht bestätigt', { exact: false }).waitFor()
    await card.getByRole('button', { name: 'Organisation bestätigen' }).click()
    await expect.poll(() => card.getByText('nicht bestätigt', { exact: false }).count()).toBe(0)
    const [party] = await app().db.sql<{ confirmed: boolean }[]>`
      select confirmed_at is not null as confirmed from parties where id = ${offered.body.owner_party_id}`
    expect(party?.confirmed).toBe(true)
    expect(page.errors).toEqual([])
  })
})

describe('an owner follows their offers', () => {
  it('offers an existing plot by picking it on the map', async () => {
    const owner = await createUser(app().db, 'owner')
    const [plot] = await app().db.sql<{ id: number; lon: number; lat: number }[]>`
      select id, st_x(st_pointonsurface(geom)) as lon, st_y(st_pointonsurface(geom)) as lat
        from plots where status = 'fallow' and st_area(geom::geography) > 2000 order by id limit 1`
    if (!plot) throw new Error('the demo data has no fallow plot')
    const page = await app().newPage()
    await signInOwner(page, app().baseUrl, `/#map=18/${plot.lat}/${plot.lon}`, owner.email, owner.password)
    await page.locator('.drawer .close').click()
    const workspace = await openWorkspace(page, 'Meine Angebote')
    await workspace.getByRole('button', { name: 'Fläche anbieten' }).click()
    await workspace.getByRole('button', { name: 'Vorhandene Fläche auf der Karte wählen' }).click()
    await waitForMapIdle(page)
    const { x, y } = await pixelOf(page, plot.lon, plot.lat)
    await page.mouse.click(x, y)
    await workspace.getByText(/^Gewählte Fläche:/).waitFor()
    await workspace.getByLabel('Bezeichnung der Fläche').fill('Angebot einer vorhandenen Brache')
    await workspace.getByRole('button', { name: 'Angebot einreichen' }).click()
    await workspace.getByRole('status').filter({ hasText: 'Ihr Angebot ist eingereicht.' }).waitFor()
    const [offer] = await app().db.sql`
      select plot_id, geom is null as no_geometry from offers where title = 'Angebot einer vorhandenen Brache'`
    expect(offer).toEqual({ plot_id: plot.id, no_geometry: true })
  })

  it('starts an offer from an address: our plot there is picked, else the building outline is proposed', async () => {
    const owner = await createUser(app().db, 'owner')
    const page = await app().newPage()
    await signInOwner(page, app().baseUrl, lindenau, owner.email, owner.password)
    await page.locator('.drawer .close').click()
    const workspace = await openWorkspace(page, 'Meine Angebote')
    await workspace.getByRole('button', { name: 'Fläche anbieten' }).click()
    const address = workspace.getByRole('combobox', { name: 'Von einer Adresse ausgehen' })
    const choose = async (query: string) => {
      await address.fill(query)
      const option = workspace.getByRole('option').filter({ hasText: query }).first()
      await option.waitFor()
      await option.click()
    }
    // Siemeringstraße 16 lies in the Nachbarschaftsgärten Josephstraße: that plot is picked.
    await choose('Siemeringstraße 16')
    await workspace.getByText('Gewählte Fläche: Nachbarschaftsgärten Josephstraße').waitFor()
    // Josephstraße 12 has no plot of ours but an OSM building: its outline, measured as stored.
    await choose('Josephstraße 12')
    await workspace.getByText(/^Umriss des Gebäudes an dieser Adresse/).waitFor()
    const [building] = await app().db.sql<{ id: number; m2: number }[]>`
      select id, st_area(st_transform(geom, 25833))::float8 as m2 from buildings
       where street = 'Josephstraße' and housenumber = '12'`
    const shown = Number(await workspace.locator('[data-area-m2]').getAttribute('data-area-m2'))
    expect(Math.abs(shown - (building?.m2 ?? 0)) / (building?.m2 ?? 1)).toBeLessThan(0.001)
    await workspace.getByLabel('Bezeichnung der Fläche').fill('Angebot ab Josephstraße 12')
    await workspace.getByRole('button', { name: 'Angebot einreichen' }).click()
    await workspace.getByRole('status').filter({ hasText: 'Ihr Angebot ist eingereicht.' }).waitFor()
    const [offer] = await app().db.sql<{ plot_id: number | null; differs: number }[]>`
      select o.plot_id, (st_area(st_symdifference(o.geom, b.geom)) / st_area(b.geom))::float8 as differs
        from offers o, buildings b where o.title = 'Angebot ab Josephstraße 12' and b.id = ${building?.id ?? 0}`
    expect(offer?.plot_id).toBeNull()
    expect(offer?.differs).toBeLessThan(0.001)
    expect(page.errors).toEqual([])
  })

  it('revises an offer the planner sent back, and withdraws another', async () => {
    const owner = await createUser(app().db, 'owner')
    const sentBack = await seedOffer(app().db, owner.id, 'Garten am Kanal (Test)', square(12.3343, 51.3363))
    const other = await seedOffer(
      app().db,
      owner.id,
      'Hof an der Demmeringstraße (Test)',
      square(12.3343, 51.3363),
    )
    const planner = await createUser(app().db, 'planner')
    const { token } = await createApiToken(app().db.sql, planner.id, 'owner-offers test')
    const reply = await call(createApp(app().db), 'POST', `/api/offers/${sentBack}/request-changes`, {
      headers: { Authorization: `Bearer ${token}` },
      json: { reason: 'Bitte die Zufahrt von der Straße ausnehmen.' },
    })
    expect(reply.status).toBe(200)

    const page = await app().newPage()
    await signInOwner(page, app().baseUrl, lindenau, owner.email, owner.password)
    await page.locator('.drawer .close').click()
    const workspace = await openWorkspace(page, 'Meine Angebote')
    const item = workspace.locator(`[data-offer="${sentBack}"]`)
    await item.getByText('Bitte die Zufahrt von der Straße ausnehmen.').waitFor()
    expect(await item.locator('.status').textContent()).toBe('Änderungen erbeten')
    await item.getByRole('button', { name: 'Angebot überarbeiten' }).click()
    const form = workspace.getByRole('form', { name: 'Angebot überarbeiten' })
    await form.getByLabel('Bezeichnung der Fläche').fill('Garten am Kanal, ohne Zufahrt (Test)')
    await form.getByRole('button', { name: 'Änderungen einreichen' }).click()
    await workspace.getByRole('status').filter({ hasText: 'Ihr Angebot ist eingereicht.' }).waitFor()

    await workspace
      .locator(`[data-offer="${other}"]`)
      .getByRole('button', { name: 'Angebot zurückziehen' })
      .click()
    await expect
      .poll(() => workspace.locator(`[data-offer="${other}"] .status`).textContent())
      .toBe('zurückgezogen')
    expect(
      await workspace
        .locator(`[data-offer="${other}"]`)
        .getByRole('button', { name: 'Angebot zurückziehen' })
        .count(),
    ).toBe(0)

    const rows = await app().db.sql<{ id: number; title: string; status: string }[]>`
      select id, title, status from offers where id in (${sentBack}, ${other}) order by id`
    expect(rows).toEqual([
      { id: sentBack, title: 'Garten am Kanal, ohne Zufahrt (Test)', status: 'submitted' },
      { id: other, title: 'Hof an der Demmeringstraße (Test)', status: 'withdrawn' },
    ])
    expect(page.errors).toEqual([])
  })
})

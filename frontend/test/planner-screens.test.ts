import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pdfBytes, square } from '../../backend/src/agreements/interim-use.testing.ts'
import { createUser } from '../../backend/src/auth/auth.testing.ts'
import { screenshotDir, useBrowserApp } from './browser-app.ts'
import { openSignedIn } from './editing.testing.ts'
import {
  mapShows,
  offerStatus,
  openWorkspace,
  outlinedFeatures,
  seedOffer,
  signInOwner,
} from './planner-screens.testing.ts'

const app = useBrowserApp()

// Lindenau, west of the demo plots, where the test offers lie.
const lindenau = '/#map=15.5/51.3392/12.3130'
const ownerContact = 'Hausverwaltung Lindenau (Test)'

describe('planners review offers and run agreements', () => {
  it('lists submitted offers, refuses a decline without reason, declines with one, accepts and creates the agreement, moves it on and stores a PDF', async () => {
    const owner = await createUser(app().db, 'owner')
    const declined = await seedOffer(
      app().db,
      owner.id,
      'Brache Lützner Straße (Test)',
      square(12.3095, 51.3382),
    )
    const accepted = await seedOffer(
      app().db,
      owner.id,
      'Brache Saalfelder Straße (Test)',
      square(12.3125, 51.3395),
    )
    const page = await app().newPage()
    await openSignedIn(page, app().baseUrl, lindenau)
    const workspace = await openWorkspace(page, 'Angebote prüfen')

    const first = workspace.getByRole('article', { name: 'Brache Lützner Straße (Test)' })
    await first.waitFor()
    await expect.poll(() => first.innerText()).toContain('eingereicht')
    // Planners see the owner's contact (it never reaches public answers).
    await expect.poll(() => first.innerText()).toContain(ownerContact)

    await first.getByRole('button', { name: 'Ablehnen' }).click()
    await first.getByRole('button', { name: 'Angebot ablehnen' }).click()
    await first.getByRole('alert').filter({ hasText: 'Bitte geben Sie eine Begründung an.' }).waitFor()
    expect(await offerStatus(app().db, declined)).toEqual({ status: 'submitted', review_reason: null })
    await first.getByLabel('Begründung der Ablehnung').fill('Die Fläche ist für den Schulbau vorgesehen.')
    await first.getByRole('button', { name: 'Angebot ablehnen' }).click()
    await workspace.getByRole('status').filter({ hasText: 'abgelehnt' }).waitFor()
    expect(await offerStatus(app().db, declined)).toEqual({
      status: 'declined',
      review_reason: 'Die Fläche ist für den Schulbau vorgesehen.',
    })
    // Decided offers leave the queue and are kept for the record.
    expect(await first.count()).toBe(0)
    await workspace.getByLabel(/Entschiedene Angebote zeigen/).check()
    await expect.poll(() => first.innerText()).toContain('abgelehnt')

    const second = workspace.getByRole('article', { name: 'Brache Saalfelder Straße (Test)' })
    await second.getByRole('button', { name: 'Auf der Karte zeigen' }).click()
    await expect.poll(() => mapShows(page, [12.3129, 51.3399])).toBe(true)
    expect(await outlinedFeatures(page)).toBe(1)
    await second.getByLabel(/Name der neuen Fläche/).fill('Brachfläche Saalfelder Straße')
    await second.getByRole('button', { name: 'Annehmen' }).click()
    await second.getByRole('button', { name: 'Annahme bestätigen' }).click()
    await workspace.getByRole('status').filter({ hasText: 'angenommen' }).waitFor()
    expect((await offerStatus(app().db, accepted)).status).toBe('accepted')

    await workspace.getByRole('button', { name: 'Vereinbarung anlegen' }).click()
    await workspace.getByRole('tab', { name: 'Vereinbarungen', selected: true }).waitFor()
    // Leaving the queue takes the offer's outline off the map.
    await expect.poll(() => outlinedFeatures(page)).toBe(0)
    const form = workspace.getByRole('form', { name: 'Neue Vereinbarung' })
    await expect.poll(() => form.getByLabel('Grundlage').inputValue()).toBe(String(accepted))
    await form.getByLabel('Name der Organisation').fill('Nachbarschaftsgarten Lindenau e. V.')
    await form.getByLabel('Ende').fill('2031-12-31')
    await form.getByLabel('Beginn').fill('2027-01-01')
    await form.getByRole('button', { name: 'Vereinbarung anlegen' }).click()
    const detail = workspace.locator('.agreement-detail')
    await detail.getByRole('heading', { name: `Zwischennutzung Angebotsfläche ${accepted}` }).waitFor()

    const [agreement] = await app().db.sql<
      { id: number; status: string; term_end: string; parties: string[] }[]
    >`
      select a.id, a.status, a.term_end,
             array(select ap.role || ':' || coalesce(p.public_name, p.kind) from agreement_parties ap
                     join parties p on p.id = ap.party_id where ap.agreement_id = a.id order by ap.role) as parties
        from agreements a where a.offer_id = ${accepted}`
    expect(agreement).toMatchObject({ status: 'draft', term_end: '2031-12-31' })
    expect(agreement?.parties).toEqual(['owner:person', 'user:Nachbarschaftsgarten Lindenau e. V.'])
    const agreementId = Number(agreement?.id)

    // Only the lifecycle's next step is offered; "active" is not one from a draft.
    expect(await detail.getByRole('button', { name: /^Status ändern:/ }).allInnerTexts()).toEqual([
      'Status ändern: in Verhandlung',
    ])
    await detail.getByRole('button', { name: 'Status ändern: in Verhandlung' }).click()
    await detail.getByRole('status').filter({ hasText: 'in Verhandlung' }).waitFor()
    const [moved] = await app().db.sql<
      { status: string }[]
    >`select status from agreements where id = ${agreementId}`
    expect(moved?.status).toBe('negotiating')
    expect(await detail.getByRole('button', { name: 'Status ändern: aktiv' }).count()).toBe(0)
    await expect
      .poll(() => detail.getByRole('region', { name: 'Verlauf' }).innerText())
      .toContain('Entwurf → in Verhandlung')

    const upload = detail.getByLabel(/Vertrag oder Anlage hochladen/)
    await upload.setInputFiles({
      name: 'notiz.txt',
      mimeType: 'application/pdf',
      buffer: Buffer.from('no pdf'),
    })
    await detail.getByRole('button', { name: 'Hochladen', exact: true }).click()
    await detail.getByRole('alert').filter({ hasText: 'is not a PDF' }).waitFor()
    await upload.setInputFiles({
      name: 'Gestattungsvereinbarung.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(pdfBytes()),
    })
    await detail.getByRole('button', { name: 'Hochladen', exact: true }).click()
    await detail.getByRole('link', { name: 'Gestattungsvereinbarung.pdf' }).waitFor()
    const documents = await app().db.sql<{ filename: string }[]>`
      select filename from agreement_documents where agreement_id = ${agreementId}`
    expect(documents.map((d) => d.filename)).toEqual(['Gestattungsvereinbarung.pdf'])
    await page.screenshot({ path: join(screenshotDir, 'planner-agreement-detail.png') })
    // The browser logs the refused upload; nothing else went wrong.
    expect(page.errors).toEqual([expect.stringContaining('415 (Unsupported Media Type)')])
  })

  it('lists running agreements ending within six months, overdue ones too, and opens them', async () => {
    const { sql } = app().db
    await sql`
      insert into agreements (name, use, status, term_start, term_end)
      values ('Spielplatz Endtest (Test)', 'playground', 'active', current_date - 1000, current_date + 60),
             ('Galerie Überfällig (Test)', 'open_air_gallery', 'ending', current_date - 2000, current_date - 3),
             ('Garten Langläufer (Test)', 'community_garden', 'active', current_date - 10, current_date + 800)`
    const page = await app().newPage()
    await openSignedIn(page, app().baseUrl, lindenau)
    const workspace = await openWorkspace(page, 'Angebote prüfen')
    await workspace.getByRole('tab', { name: 'Laufen bald aus' }).click()
    await workspace.getByRole('heading', { name: /in den nächsten 6 Monaten/ }).waitFor()
    // The demo agreements may be in the window too, depending on today's date.
    const entries = workspace.locator('.ending-soon li').filter({ hasText: '(Test)' })
    await expect
      .poll(() => entries.allInnerTexts())
      .toEqual([
        expect.stringMatching(/Galerie Überfällig \(Test\)[\s\S]*läuft aus[\s\S]*seit 3 Tagen überfällig/),
        expect.stringMatching(/Spielplatz Endtest \(Test\)[\s\S]*aktiv[\s\S]*noch 60 Tage/),
      ])
    await workspace.getByRole('button', { name: 'Spielplatz Endtest (Test)' }).click()
    await workspace.getByRole('tab', { name: 'Vereinbarungen', selected: true }).waitFor()
    await workspace
      .locator('.agreement-detail')
      .getByRole('heading', { name: 'Spielplatz Endtest (Test)' })
      .waitFor()
    expect(page.errors).toEqual([])
  })

  it('sends an offer back only with a reason, and ends a running agreement early only with one', async () => {
    const owner = await createUser(app().db, 'owner')
    const offer = await seedOffer(
      app().db,
      owner.id,
      'Brache Merseburger Straße (Test)',
      square(12.3085, 51.3415),
    )
    const { sql } = app().db
    const [running] = await sql<{ id: number }[]>`
      insert into agreements (name, use, status, term_start, term_end)
      values ('Sportfläche Frühende (Test)', 'sports_leisure', 'active', '2024-05-01', '2030-04-30')
      returning id`
    const page = await app().newPage()
    await openSignedIn(page, app().baseUrl, lindenau)
    const workspace = await openWorkspace(page, 'Angebote prüfen')

    const article = workspace.getByRole('article', { name: 'Brache Merseburger Straße (Test)' })
    await article.getByRole('button', { name: 'Änderungen erbitten' }).click()
    await article.getByRole('button', { name: 'Bitte um Änderungen senden' }).click()
    await article.getByRole('alert').filter({ hasText: 'Bitte geben Sie eine Begründung an.' }).waitFor()
    expect((await offerStatus(app().db, offer)).status).toBe('submitted')
    await article.getByLabel('Welche Änderungen sind nötig?').fill('Bitte die Zufahrt einzeichnen.')
    await article.getByRole('button', { name: 'Bitte um Änderungen senden' }).click()
    await expect.poll(() => article.innerText()).toContain('Änderungen erbeten')
    expect(await offerStatus(app().db, offer)).toEqual({
      status: 'changes_requested',
      review_reason: 'Bitte die Zufahrt einzeichnen.',
    })
    // Waiting for its owner now: still in the queue, and not sent back twice.
    expect(await article.getByRole('button', { name: 'Änderungen erbitten' }).count()).toBe(0)

    await workspace.getByRole('tab', { name: 'Vereinbarungen' }).click()
    await workspace.getByRole('button', { name: 'Sportfläche Frühende (Test)' }).click()
    const detail = workspace.locator('.agreement-detail')
    await detail.getByRole('heading', { name: 'Sportfläche Frühende (Test)' }).waitFor()
    expect(await detail.getByRole('button', { name: /^Status ändern:/ }).allInnerTexts()).toEqual([
      'Status ändern: läuft aus',
      'Status ändern: vorzeitig beendet',
    ])
    await detail.getByRole('button', { name: 'Status ändern: vorzeitig beendet' }).click()
    await detail.getByRole('button', { name: 'Vorzeitig beenden' }).click()
    await detail.getByRole('alert').filter({ hasText: 'Bitte geben Sie eine Begründung an.' }).waitFor()
    const status = async () =>
      (await sql<{ status: string }[]>`select status from agreements where id = ${Number(running?.id)}`)[0]
        ?.status
    expect(await status()).toBe('active')
    await detail.getByLabel('Warum endet die Vereinbarung vorzeitig?').fill('Die Eigentümerin baut ab Juli.')
    await detail.getByRole('button', { name: 'Vorzeitig beenden' }).click()
    await detail.getByRole('status').filter({ hasText: 'vorzeitig beendet' }).waitFor()
    expect(await status()).toBe('terminated')
    const [step] = await sql<{ reason: string }[]>`
      select reason from agreement_transitions where agreement_id = ${Number(running?.id)} and to_status = 'terminated'`
    expect(step?.reason).toBe('Die Eigentümerin baut ab Juli.')
    // Closed: it stays in the record as it is (documents, such as the notice, may still be added).
    expect(await detail.getByRole('button', { name: /^Status ändern:|Bedingungen bearbeiten/ }).count()).toBe(
      0,
    )
    expect(page.errors).toEqual([])
  })

  it('creates an agreement from plots chosen by name, edits its terms, and reloads after a concurrent change', async () => {
    const { sql } = app().db
    const [plot] = await sql<{ id: number; name: string }[]>`select id, name from plots order by id limit 1`
    const page = await app().newPage()
    await openSignedIn(page, app().baseUrl, lindenau)
    const workspace = await openWorkspace(page, 'Angebote prüfen')
    await workspace.getByRole('tab', { name: 'Vereinbarungen' }).click()
    await workspace.getByRole('button', { name: 'Neue Vereinbarung' }).click()
    const form = workspace.getByRole('form', { name: 'Neue Vereinbarung' })
    await form.getByLabel('Flächen nach Namen suchen').fill(plot?.name ?? '')
    await form.getByLabel(/Flächen \(mehrere/).selectOption(String(plot?.id))
    await form.getByLabel(/Name der Vereinbarung/).fill('Bolzplatz Plotnummer (Test)')
    await form.getByLabel(/Nutzung/).selectOption('sports_leisure')
    await form.getByLabel('Die Stadt ist Partei').check()
    await form.getByRole('button', { name: 'Vereinbarung anlegen' }).click()
    const detail = workspace.locator('.agreement-detail')
    await detail.getByRole('heading', { name: 'Bolzplatz Plotnummer (Test)' }).waitFor()
    const [created] = await sql<{ id: number; use: string; plots: number[]; parties: string[] }[]>`
      select a.id, a.use, array(select plot_id from agreement_plots where agreement_id = a.id) as plots,
             array(select ap.role || ':' || p.public_name from agreement_parties ap join parties p on p.id = ap.party_id
                    where ap.agreement_id = a.id) as parties
        from agreements a where a.name = 'Bolzplatz Plotnummer (Test)'`
    expect(created).toMatchObject({
      use: 'sports_leisure',
      plots: [plot?.id],
      parties: ['city:Stadt Leipzig'],
    })
    const id = Number(created?.id)

    await detail.getByRole('button', { name: 'Bedingungen bearbeiten' }).click()
    await detail.getByLabel('Pflege durch').fill('Sportverein Lindenau (Test)')
    await detail.getByRole('button', { name: 'Speichern' }).click()
    await detail.getByRole('status').filter({ hasText: 'Gespeichert.' }).waitFor()
    const [saved] = await sql<{ upkeep_by: string; version: number }[]>`
      select upkeep_by, version from agreements where id = ${id}`
    expect(saved?.upkeep_by).toBe('Sportverein Lindenau (Test)')

    await detail.getByRole('button', { name: 'Bedingungen bearbeiten' }).click()
    // Someone else saves in between.
    await sql`update agreements set insurance_by = 'Stadt Leipzig' where id = ${id}`
    await detail.getByLabel('Versicherung durch').fill('Sportverein Lindenau (Test)')
    await detail.getByRole('button', { name: 'Speichern' }).click()
    await detail.getByRole('alert').filter({ hasText: 'reload and apply your change again' }).waitFor()
    const [kept] = await sql<{ insurance_by: string }[]>`select insurance_by from agreements where id = ${id}`
    expect(kept?.insurance_by).toBe('Stadt Leipzig')
    await detail.getByRole('button', { name: 'Neu laden' }).click()
    await expect.poll(() => detail.getByLabel('Versicherung durch').inputValue()).toBe('Stadt Leipzig')
    expect(await detail.getByRole('alert').count()).toBe(0)
    // The browser logs the refused save; nothing else went wrong.
    expect(page.errors).toEqual([expect.stringContaining('412 (Precondition Failed)')])
  })

  it('accepts an offer for a plot that is already mapped: links it instead of adding a second plot', async () => {
    const owner = await createUser(app().db, 'owner')
    const offer = await seedOffer(app().db, owner.id, 'Brache Gießerstraße (Test)', square(12.3105, 51.3412))
    const { sql } = app().db
    const [plot] = await sql<{ id: number }[]>`select id from plots order by id limit 1`
    const [before] = await sql<{ n: number }[]>`select count(*)::int as n from plots`
    const page = await app().newPage()
    await openSignedIn(page, app().baseUrl, lindenau)
    const workspace = await openWorkspace(page, 'Angebote prüfen')
    const review = workspace.getByRole('article', { name: 'Brache Gießerstraße (Test)' })
    // Chosen by its name from the list, not typed as a number.
    await review.getByLabel(/mit einer vorhandenen Fläche verknüpfen/).selectOption(String(plot?.id))
    await review.getByRole('button', { name: 'Annehmen' }).click()
    await review.getByRole('button', { name: 'Annahme bestätigen' }).click()
    await expect.poll(async () => (await offerStatus(app().db, offer)).status).toBe('accepted')
    const [linked] = await sql<{ plot_id: number }[]>`select plot_id from offers where id = ${offer}`
    expect(linked?.plot_id).toBe(plot?.id)
    const [after] = await sql<{ n: number }[]>`select count(*)::int as n from plots`
    expect(after?.n).toBe(before?.n)
    expect(page.errors).toEqual([])
  })

  it('shows owners their agreement read-only: no internal notes, no status buttons, no upload', async () => {
    const password = 'owner-password-planner-2026'
    const owner = await createUser(app().db, 'owner', { password })
    const offer = await seedOffer(app().db, owner.id, 'Brache Angerstraße (Test)', square(12.3075, 51.3405))
    const { sql } = app().db
    const [party] = await sql<
      { party_id: number }[]
    >`select owner_party_id as party_id from offers where id = ${offer}`
    const [created] = await sql<{ id: number }[]>`
      insert into agreements (name, use, status, internal_notes, conditions)
      values ('Garten Angerstraße (Test)', 'community_garden', 'negotiating', 'Nur intern: Verhandlungsspielraum', 'Keine festen Bauten')
      returning id`
    await sql`insert into agreement_parties (agreement_id, party_id, role) values (${Number(created?.id)}, ${Number(party?.party_id)}, 'owner')`
    const page = await app().newPage()
    await signInOwner(page, app().baseUrl, lindenau, owner.email, password)
    const workspace = await openWorkspace(page, 'Meine Angebote')
    await workspace.getByRole('tab', { name: 'Vereinbarungen' }).click()
    await workspace.getByRole('button', { name: 'Garten Angerstraße (Test)' }).click()
    const detail = workspace.locator('.agreement-detail')
    await expect.poll(() => detail.innerText()).toContain('Keine festen Bauten')
    expect(await detail.innerText()).not.toContain('Verhandlungsspielraum')
    expect(await detail.getByRole('button').count()).toBe(0)
    expect(await detail.getByLabel(/hochladen/).count()).toBe(0)
    expect(await workspace.getByRole('button', { name: 'Neue Vereinbarung' }).count()).toBe(0)
    expect(page.errors).toEqual([])
  })
})

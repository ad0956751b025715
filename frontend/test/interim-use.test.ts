import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { square } from '../../backend/src/agreements/interim-use.testing.ts'
import { activeAgreement } from '../../backend/src/agreements/interim-use-scenario.testing.ts'
import { interimUseIdsInTile, tileOver } from '../../backend/src/agreements/tile-check.testing.ts'
import { createApp } from '../../backend/src/app.ts'
import { createUser } from '../../backend/src/auth/auth.testing.ts'
import { mapHasFeature, screenshotDir, useBrowserApp } from './browser-app.ts'
import {
  clickPositions,
  lindenau,
  lindenauRing,
  openSignedIn,
  planner,
  waitForMapSettled,
} from './editing.testing.ts'
import { followConfirmationLink, seedOffer, signInOwner } from './planner-screens.testing.ts'

const app = useBrowserApp()

const ring = lindenauRing

const owner = { email: 'brache-lindenau@quartiersatlas.example', password: 'owner-password-2026' }
// Unique text in every personal field, to find where it shows and where it must not.
const contactMarker = 'Kontakt-Eigentuemer-7a1c'

/** Registers an owner through the sign-in dialog and opens the workspace. */
async function registerOwner(page: Page): Promise<void> {
  await page.goto(`${app().baseUrl}${lindenau}`)
  await waitForMapSettled(page)
  await page.locator('.drawer .close').click()
  await page.getByRole('button', { name: 'Anmelden' }).click()
  await page.locator('dialog.sign-in').getByRole('button', { name: 'Konto anlegen' }).click()
  await page.getByLabel('E-Mail').fill(owner.email)
  await page.getByLabel('Passwort').fill(owner.password)
  await page.getByLabel('Anzeigename (freiwillig)').fill('Brache Lindenau')
  await page.getByLabel('Eigentümer/in einer Fläche').check()
  await page.locator('dialog.sign-in').getByRole('button', { name: 'Konto anlegen' }).click()
  // The account exists once the link mailed to the address is opened; then back to the map view.
  await followConfirmationLink(page, app().baseUrl, app().db, owner.email)
  await page.goto('about:blank')
  await page.goto(`${app().baseUrl}${lindenau}`)
  await waitForMapSettled(page)
  await page.locator('.drawer .close').click()
  await page.getByRole('button', { name: 'Zwischennutzung' }).click()
  await page.getByRole('tab', { name: 'Meine Angebote', selected: true }).waitFor()
}

// One offer's story, step by step. Each test sets up the state its step starts from through the
// API (as the step before would leave it), so each runs alone and in any order.

describe('interim use end to end', () => {
  it('an owner registers, draws the land on the map, fills the offer and submits it', async () => {
    const page = await app().newPage()
    await registerOwner(page)
    const workspace = page.getByRole('complementary', { name: 'Zwischennutzung' })
    await workspace.getByRole('button', { name: 'Fläche anbieten' }).click()
    await workspace.getByRole('button', { name: 'Fläche auf der Karte zeichnen' }).click()
    await clickPositions(page, [...ring, ring[0]])
    await expect
      .poll(async () => Number(await page.locator('.measurement').getAttribute('data-area-m2')))
      .toBeGreaterThan(5000)
    const shown = Number(await page.locator('.measurement').getAttribute('data-area-m2'))
    // The clicks drew vertices: none of them opened the programme area underneath.
    expect(await page.locator('.feature-panel').count()).toBe(0)

    await workspace.getByLabel('Bezeichnung der Fläche').fill('Brache an der Josephstraße Nord')
    await workspace.getByLabel('Verfügbar ab').fill('2027-04-01')
    await workspace.getByLabel('Verfügbar bis').fill('2037-03-31')
    await workspace.getByLabel('Gemeinschaftsgarten').check()
    await workspace.getByLabel('Spielplatz').check()
    await workspace.getByLabel('Bedingungen').fill('Keine festen Bauten; Bebauung bleibt vorbehalten.')
    await workspace.getByLabel('Name').fill(contactMarker)
    await workspace.getByLabel('E-Mail').fill('kontakt-7a1c@example.org')
    await workspace.getByLabel('Telefon').fill('0341 5550 7a1c')
    await page.screenshot({ path: join(screenshotDir, 'interim-use-offer-form.png') })
    await workspace.getByRole('button', { name: 'Angebot einreichen' }).click()
    await workspace.getByRole('status').filter({ hasText: 'Ihr Angebot ist eingereicht.' }).waitFor()

    const [offer] = await app().db.sql<
      { id: number; status: string; uses: string[]; area: number; contact: string; email: string }[]
    >`
      select o.id, o.status, o.allowed_uses as uses, st_area(st_transform(o.geom, 25833)) as area,
             pc.contact_name as contact, u.email
        from offers o join users u on u.id = o.owner_user_id
        join party_contacts pc on pc.party_id = o.owner_party_id
       where o.title = 'Brache an der Josephstraße Nord'`
    expect(offer).toMatchObject({ status: 'submitted', uses: ['community_garden', 'playground'] })
    expect(offer?.email).toBe(owner.email)
    expect(offer?.contact).toBe(contactMarker)
    // What the owner saw while drawing is what PostGIS stores, within 0.1 %.
    expect(Math.abs(Number(offer?.area) - shown) / Number(offer?.area)).toBeLessThan(0.001)

    const listed = workspace.locator(`[data-offer="${offer?.id}"]`)
    await expect.poll(() => listed.locator('.status').textContent()).toBe('eingereicht')
    expect(page.errors).toEqual([])
  })

  it('a planner accepts it, makes an agreement from it and walks it to active', async () => {
    const submitter = await createUser(app().db, 'owner')
    const offerId = await seedOffer(
      app().db,
      submitter.id,
      'Brache an der Josephstraße Süd',
      square(12.3362, 51.3352),
    )
    const page = await app().newPage()
    await openSignedIn(page, app().baseUrl, lindenau, planner)
    await page.getByRole('button', { name: 'Zwischennutzung' }).click()
    const workspace = page.getByRole('complementary', { name: 'Zwischennutzung' })
    await workspace.getByRole('tab', { name: 'Angebote prüfen', selected: true }).waitFor()
    const review = workspace.getByRole('article', { name: 'Brache an der Josephstraße Süd' })
    // Planners see the owner's contact to get in touch; the public never does.
    await review.getByText('Hausverwaltung Lindenau (Test)').waitFor()
    // An owner offering as a person is not named; one offering for an organisation is.
    await review.getByText('Privatperson', { exact: true }).waitFor()
    const demoOffer = workspace.getByRole('article', {
      name: 'Hofbrache zwischen Josephstraße und Erich-Zeigner-Allee',
    })
    await demoOffer.getByText('Grundstücksgesellschaft Lindenau (Demo)', { exact: true }).waitFor()
    await review.getByRole('button', { name: 'Annehmen' }).click()
    await review.getByRole('button', { name: 'Annahme bestätigen' }).click()
    await workspace.getByRole('button', { name: 'Vereinbarung anlegen' }).first().click()

    const form = workspace.getByRole('form', { name: 'Neue Vereinbarung' })
    await form.getByLabel('Name der Vereinbarung').fill('Nachbarschaftsgarten Josephstraße Nord')
    await form.getByLabel('Beginn').fill('2027-04-01')
    await form.getByLabel('Ende').fill('2037-03-31')
    await form.getByLabel('Öffentlich zugänglich').check()
    await form.getByLabel('Name der Organisation').first().fill('Nachbarschaftsgarten Lindenau e. V. (Demo)')
    await form.getByRole('button', { name: 'Vereinbarung anlegen' }).click()

    const lifecycle = workspace.getByRole('region', { name: 'Verlauf' })
    for (const step of ['in Verhandlung', 'unterzeichnet', 'aktiv']) {
      await lifecycle.getByRole('button', { name: `Status ändern: ${step}` }).click()
      await lifecycle
        .getByRole('listitem')
        .filter({ hasText: `→ ${step}` })
        .waitFor()
    }
    // From active there is no button back to a draft or straight to ended.
    await lifecycle.getByRole('button', { name: 'Status ändern: läuft aus' }).waitFor()
    expect(await lifecycle.getByRole('button', { name: 'Status ändern: beendet' }).count()).toBe(0)
    await page.screenshot({ path: join(screenshotDir, 'interim-use-agreement-active.png') })

    const [agreement] = await app().db.sql<
      { id: number; status: string; plot_status: string; steps: string[] }[]
    >`
      select a.id, a.status, p.status as plot_status,
             array(select to_status from agreement_transitions t where t.agreement_id = a.id order by t.id) as steps
        from agreements a join offers o on o.id = a.offer_id join plots p on p.id = o.plot_id
       where a.offer_id = ${offerId}`
    expect(agreement).toMatchObject({
      status: 'active',
      plot_status: 'interim_use',
      steps: ['draft', 'negotiating', 'signed', 'active'],
    })
    expect(page.errors).toEqual([])
  })

  it('the interim use is on the public map and in its tile; the page shows no personal data', async () => {
    const at: [number, number] = [12.3362, 51.3372]
    const { agreementId, owner } = await activeAgreement(
      createApp(app().db),
      app().db,
      'Kontakt-Karte-3f9e',
      at,
    )
    const page = await app().newPage()
    await page.goto(`${app().baseUrl}${lindenau}`)
    await expect.poll(() => mapHasFeature(page, 'interim-uses', agreementId)).toBe(true)
    // And the all-layer tile, as any client fetches it, holds it too.
    expect(
      await interimUseIdsInTile(createApp(app().db), tileOver(at[0] + 0.0004, at[1] + 0.0004, 15)),
    ).toContain(agreementId)
    const content = await page.content()
    for (const personal of [
      'Kontakt-Karte-3f9e name',
      'Kontakt-Karte-3f9e phone',
      'mediator@example.org',
      owner.email,
    ])
      expect(content).not.toContain(personal)
    expect(page.errors).toEqual([])
  })

  it('the owner sees every step: notifications, the accepted offer and the active agreement', async () => {
    const s = await activeAgreement(createApp(app().db), app().db, 'Schritte', [12.3325, 51.3372])
    const [agreement] = await app().db.sql<
      { name: string }[]
    >`select name from agreements where id = ${s.agreementId}`
    const page = await app().newPage()
    await signInOwner(page, app().baseUrl, lindenau, s.owner.email, s.owner.password)
    // The account bar counts what the owner has not read yet.
    const bar = page.getByRole('button', { name: /Zwischennutzung \d+ ungelesen/ })
    await bar.click()
    const workspace = page.getByRole('complementary', { name: 'Zwischennutzung' })
    await workspace.locator(`[data-offer="${s.offerId}"] .status`).filter({ hasText: 'angenommen' }).waitFor()

    await workspace.getByRole('tab', { name: 'Benachrichtigungen' }).click()
    const notifications = workspace.locator('.notifications > li')
    await notifications.first().waitFor()
    const subjects = await notifications.locator('strong').allTextContents()
    for (const step of ['angenommen', 'Entwurf', 'in Verhandlung', 'unterzeichnet', 'aktiv']) {
      expect(subjects.some((subject) => subject.includes(step))).toBe(true)
    }
    // Opening the newest notification shows the agreement it is about, read-only.
    await notifications.first().getByRole('button', { name: 'Öffnen' }).click()
    await workspace.getByRole('tab', { name: 'Vereinbarungen', selected: true }).waitFor()
    await workspace
      .getByText(agreement?.name ?? '')
      .first()
      .waitFor()
    const lifecycle = workspace.getByRole('region', { name: 'Verlauf' })
    await lifecycle.getByRole('listitem').filter({ hasText: '→ aktiv' }).waitFor()
    expect(await lifecycle.getByRole('button').count()).toBe(0)
    await page.screenshot({ path: join(screenshotDir, 'interim-use-owner-notifications.png') })
    expect(page.errors).toEqual([])
  })
})

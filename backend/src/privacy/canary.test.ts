import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { activeAgreement } from '../agreements/interim-use-scenario.testing.ts'
import { createApp } from '../app.ts'
import { repoRoot } from '../config.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { tileAt } from '../tiles/tile-coordinates.ts'
import { decodeTile } from '../tiles/tile-testing.ts'
import { captureConsole } from './console-capture.testing.ts'
import { scanForMarker } from './marker-scan.testing.ts'

const db = useTestDatabase()

/** Every href in a JSON document. */
function hrefs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) hrefs(item, found)
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'href' && typeof item === 'string') found.push(item)
      else hrefs(item, found)
    }
  }
  return found
}

describe('canary: personal data never reaches a public response or a log', () => {
  it('finds the marker in no anonymous response: collections, features, tiles, search, figures, errors, OpenAPI, HTML', async () => {
    const frontendDir = join(repoRoot, 'frontend', 'dist')
    const app = createApp(db(), existsSync(join(frontendDir, 'index.html')) ? { frontendDir } : {})
    const { sql } = db()
    const marker = `CANARY${Math.random().toString(36).slice(2, 8).toUpperCase()}`
    const at: [number, number] = [12.3141, 51.3418]
    // Everything the app prints while it stores and serves the marker: logs are no public place either.
    const logs = captureConsole()
    const s = await activeAgreement(app, db(), marker, at)
    await sql`update users set email = ${`${marker.toLowerCase()}@example.org`} where id = ${s.owner.id}`
    await sql`update notifications set body = body || ${` ${marker}`} where user_id = ${s.owner.id}`
    await sql`update outbox set body = body || ${` ${marker}`}`
    // The marker is really in every personal-data field the crawl must not find.
    const filled = (await scanForMarker(sql, marker)).map((hit) => `${hit.table}.${hit.column}`)
    expect(filled).toEqual(
      expect.arrayContaining([
        'party_contacts.contact_name',
        'party_contacts.phone',
        'users.email',
        'users.display_name',
        'offers.conditions',
        'agreements.conditions',
        'agreements.internal_notes',
        'plots.internal_notes',
        'agreement_documents.filename',
        'agreement_documents.content',
        'notifications.body',
        'outbox.body',
      ]),
    )

    // The demo offer's contact, an organisation's office, stays as private as a person's.
    const [demo] = await sql<{ email: string; phone: string }[]>`
      select pc.email, pc.phone from offers o join party_contacts pc on pc.party_id = o.owner_party_id
       where o.external_id like 'demo:offer:%'`
    expect(demo?.email).toMatch(/@/)
    expect(demo?.phone).toMatch(/\d{4}/)
    const needles = [marker, demo?.email ?? '', demo?.phone ?? ''].map((needle) => needle.toLowerCase())

    const crawled: string[] = []
    const leaks: string[] = []
    const seen = new Set<string>()
    const statuses = new Map<string, number>()
    const fetchText = async (path: string) => {
      const response = await app.request(path)
      const bytes = new Uint8Array(await response.arrayBuffer())
      const type = response.headers.get('content-type') ?? ''
      let text = new TextDecoder('latin1').decode(bytes) + new TextDecoder().decode(bytes)
      if (type.includes('protobuf') || type.includes('mvt')) {
        text += JSON.stringify([...decodeTile(bytes).entries()])
      }
      crawled.push(`${response.status} ${path}`)
      statuses.set(path, response.status)
      if (needles.some((needle) => text.toLowerCase().includes(needle))) leaks.push(path)
      return { status: response.status, type, text: new TextDecoder().decode(bytes) }
    }
    const queue = ['/api', '/api/collections', '/api/openapi.json', '/api/conformance', '/api/tiles']
    while (queue.length > 0 && seen.size < 400) {
      const path = queue.shift() as string
      if (seen.has(path)) continue
      seen.add(path)
      const reply = await fetchText(path)
      if (!reply.type.includes('json') || reply.status !== 200) continue
      for (const href of hrefs(JSON.parse(reply.text))) {
        const url = new URL(href, 'http://localhost')
        if (url.host !== 'localhost' || !url.pathname.startsWith('/api') || href.includes('{')) continue
        if (url.pathname.includes('/tiles/') && /\/\d+\/\d+\/\d+$/.test(url.pathname)) continue
        queue.push(url.pathname + url.search)
      }
    }
    const extra: string[] = []
    for (const collection of ['plots', 'interim-uses', 'offers', 'places', 'programme-areas']) {
      extra.push(
        `/api/collections/${collection}/items?limit=1000`,
        `/api/collections/${collection}/items?f=json&limit=10&bbox=12.30,51.33,12.33,51.35`,
      )
    }
    extra.push(
      `/api/collections/plots/items/${s.plotId}`,
      `/api/collections/interim-uses/items/${s.agreementId}`,
    )
    extra.push(`/api/context/plots/${s.plotId}`, `/api/context/interim-uses/${s.agreementId}`)
    for (const z of [10, 12, 14, 16]) {
      const { x, y } = tileAt(at[0] + 0.0004, at[1] + 0.0004, z)
      extra.push(`/api/tiles/WebMercatorQuad/${z}/${y}/${x}`)
      for (const collection of ['plots', 'interim-uses'])
        extra.push(`/api/collections/${collection}/tiles/WebMercatorQuad/${z}/${y}/${x}`)
    }
    for (const q of [
      marker,
      marker.toLowerCase(),
      'Nachbarschaftsgarten',
      'Angebotsfläche',
      'example.org',
      '04177',
      demo?.email ?? '',
      demo?.phone ?? '',
    ]) {
      extra.push(`/api/search?q=${encodeURIComponent(q)}`)
    }
    extra.push('/api/overlay/figures', '/api/overlay/figures.csv', '/api/config', '/api/health')
    // Offers are no public collection: those two paths must answer 404 like any unknown collection.
    const publicPaths = extra.filter((path) => !path.startsWith('/api/collections/offers/'))
    // Errors, also for the private resources (never with the marker in the URL: an echo of the request is no leak).
    extra.push(
      '/api/collections/plots/items/99999999',
      '/api/collections/nope/items',
      '/api/collections/plots/items?bbox=not,a,bbox',
      `/api/offers/${s.offerId}`,
      `/api/agreements/${s.agreementId}`,
      `/api/agreements/${s.agreementId}/documents/${s.documentId}`,
      '/api/offers?status=nonsense',
      '/api/no-such-resource',
      '/api/notifications',
      '/api/me/data',
    )
    extra.push('/', `/plots/${s.plotId}`, '/plots/1')
    for (const path of extra) if (!seen.has(path)) await fetchText(path)

    logs.restore()
    console.log(`canary crawl: ${crawled.length} anonymous requests\n${crawled.join('\n')}`)
    expect(needles.filter((needle) => logs.text().toLowerCase().includes(needle))).toEqual([])
    expect(crawled.length).toBeGreaterThan(40)
    expect(leaks).toEqual([])
    // A route that went missing would leak nothing; every public path must really answer.
    const unanswered = publicPaths.filter((path) => ![200, 204].includes(statuses.get(path) ?? 0))
    expect(publicPaths.length).toBeGreaterThan(30)
    expect(unanswered).toEqual([])
    expect(statuses.get('/api/collections/offers/items?limit=1000')).toBe(404)
    // The public map does show the interim use itself.
    const feature = await app.request(`/api/collections/interim-uses/items/${s.agreementId}`)
    expect(feature.status).toBe(200)
    expect(((await feature.json()) as { id: unknown }).id).toBe(s.agreementId)
  })
})

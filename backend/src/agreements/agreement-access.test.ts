import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { call, checksums, fileForm, pdfBytes, square } from './interim-use.testing.ts'
import { activeAgreement, type Caller, caller, type Scenario } from './interim-use-scenario.testing.ts'

const db = useTestDatabase()

// Every endpoint of offers, agreements and documents, asked about the first owner's things.
function endpoints(s: Scenario) {
  const o = `/api/offers/${s.offerId}`
  const a = `/api/agreements/${s.agreementId}`
  return [
    { method: 'GET', path: o },
    { method: 'PATCH', path: o, json: { conditions: 'x' }, headers: { 'If-Match': '"1"' } },
    { method: 'POST', path: `${o}/withdraw` },
    { method: 'POST', path: `${o}/accept` },
    { method: 'POST', path: `${o}/request-changes`, json: { reason: 'x' } },
    { method: 'POST', path: `${o}/decline`, json: { reason: 'x' } },
    { method: 'GET', path: a },
    { method: 'PATCH', path: a, json: { upkeep_by: 'x' }, headers: { 'If-Match': '"1"' } },
    { method: 'POST', path: `${a}/transitions`, json: { to: 'ending' } },
    { method: 'GET', path: `${a}/documents` },
    { method: 'GET', path: `${a}/documents/${s.documentId}` },
    { method: 'POST', path: `${a}/documents`, form: true },
  ] as const
}

async function ask(
  app: ReturnType<typeof createApp>,
  who: Caller | undefined,
  e: ReturnType<typeof endpoints>[number],
) {
  return call(app, e.method, e.path, {
    headers: { ...(who?.headers ?? {}), ...('headers' in e ? e.headers : {}) },
    ...('json' in e ? { json: e.json } : {}),
    ...('form' in e ? { body: fileForm(pdfBytes(), 'a.pdf') } : {}),
  })
}

/** Every stored contact value of the agreement's parties other than its owner. */
async function otherPartiesContacts(agreementId: number): Promise<string[]> {
  const rows = await db().sql<{ value: string }[]>`
    select distinct v.value
      from agreement_parties x
      join party_contacts pc on pc.party_id = x.party_id
      cross join lateral jsonb_each_text(to_jsonb(pc) - 'party_id' - 'updated_at') v
     where x.agreement_id = ${agreementId} and x.role <> 'owner' and v.value is not null`
  return rows.map((row) => row.value)
}

describe('who may see and change offers, agreements and documents', () => {
  let s: Scenario
  let app: ReturnType<typeof createApp>
  beforeAll(async () => {
    app = createApp(db())
    s = await activeAgreement(app, db(), 'Zugriff')
  })

  it('answers a second owner 404 or 403 on every endpoint, revealing nothing and changing nothing', async () => {
    const second = await caller(db(), 'owner')
    const before = await checksums(db().sql)
    for (const e of endpoints(s)) {
      const reply = await ask(app, second, e)
      expect([403, 404], `${e.method} ${e.path}`).toContain(reply.status)
      expect(reply.headers.get('content-type')).toContain('application/problem+json')
      expect(reply.text).not.toContain('Zugriff')
    }
    expect(await checksums(db().sql)).toEqual(before)
    const lists = await Promise.all(
      ['/api/offers', '/api/agreements'].map((p) => call(app, 'GET', p, { headers: second.headers })),
    )
    expect(lists.map((l) => l.body)).toEqual([{ offers: [] }, { agreements: [] }])
  })

  it('refuses residents (403) and anonymous callers (401) everywhere', async () => {
    const resident = await caller(db(), 'resident')
    const before = await checksums(db().sql)
    const all = [
      ...endpoints(s),
      { method: 'GET', path: '/api/offers' },
      { method: 'GET', path: '/api/agreements' },
      { method: 'GET', path: '/api/agreements/ending-soon' },
      { method: 'POST', path: '/api/offers', json: { geometry: square(12.3, 51.3) } },
      { method: 'POST', path: '/api/agreements', json: { name: 'x', plot_ids: [s.plotId] } },
    ] as const
    for (const e of all) {
      expect((await ask(app, resident, e as never)).status, `resident ${e.method} ${e.path}`).toBe(403)
      expect((await ask(app, undefined, e as never)).status, `anonymous ${e.method} ${e.path}`).toBe(401)
    }
    for (const path of ['/api/notifications', '/api/me/data'])
      expect((await call(app, 'GET', path)).status).toBe(401)
    expect(await checksums(db().sql)).toEqual(before)
  })

  it('lets the owner read their offer, agreement and document, but not change the agreement', async () => {
    const reads = await Promise.all(
      [
        `/api/offers/${s.offerId}`,
        `/api/agreements/${s.agreementId}`,
        `/api/agreements/${s.agreementId}/documents/${s.documentId}`,
      ].map((p) => call(app, 'GET', p, { headers: s.owner.headers })),
    )
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200])
    expect(reads[1]?.body).not.toHaveProperty('internal_notes')
    const shown = [
      JSON.stringify(reads[1]?.body),
      (await call(app, 'GET', '/api/agreements', { headers: s.owner.headers })).text,
    ]
    const others = await otherPartiesContacts(s.agreementId)
    expect(others).toEqual(expect.arrayContaining(['mediator@example.org', 'Zugriff club contact']))
    for (const view of shown) for (const value of others) expect(view).not.toContain(value)
    expect(reads[2]?.headers.get('content-type')).toBe('application/pdf')
    const step = await call(app, 'POST', `/api/agreements/${s.agreementId}/transitions`, {
      headers: s.owner.headers,
      json: { to: 'ending' },
    })
    expect(step.status).toBe(403)
  })

  it('keeps a planner with assigned programme areas to those areas', async () => {
    const planner = await caller(db(), 'planner')
    const [far] = await db().sql`
      select id from programme_areas
       where not st_intersects(geom, (select geom from plots where id = ${s.plotId})) order by id limit 1`
    await db().sql`insert into planner_areas (user_id, programme_area_id) values (${planner.id}, ${far?.id})`
    expect(
      (await call(app, 'GET', `/api/agreements/${s.agreementId}`, { headers: planner.headers })).status,
    ).toBe(404)
    expect((await call(app, 'GET', `/api/offers/${s.offerId}`, { headers: planner.headers })).status).toBe(
      404,
    )
    const create = await call(app, 'POST', '/api/agreements', {
      headers: planner.headers,
      json: { name: 'x', plot_ids: [s.plotId] },
    })
    expect(create.status).toBe(403)
    const unassigned = await caller(db(), 'planner')
    expect(
      (await call(app, 'GET', `/api/agreements/${s.agreementId}`, { headers: unassigned.headers })).status,
    ).toBe(200)
  })

  it('accepts PDFs only, by their signature, up to 10 MB', async () => {
    const path = `/api/agreements/${s.agreementId}/documents`
    const before = await checksums(db().sql)
    const fake = await call(app, 'POST', path, {
      headers: s.planner.headers,
      body: fileForm(new TextEncoder().encode('hello'), 'x.pdf'),
    })
    expect(fake.status).toBe(415)
    const big = new Uint8Array(10 * 1024 * 1024 + 1)
    big.set(pdfBytes().subarray(0, 8))
    const tooBig = await call(app, 'POST', path, {
      headers: s.planner.headers,
      body: fileForm(big, 'big.pdf'),
    })
    expect(tooBig.status).toBe(413)
    const json = await call(app, 'POST', path, { headers: s.planner.headers, json: { file: 'x' } })
    expect(json.status).toBe(415)
    expect(await checksums(db().sql)).toEqual(before)
    const ok = await call(app, 'POST', path, {
      headers: s.planner.headers,
      body: fileForm(pdfBytes('zwei'), '../Plan Ü.pdf'),
    })
    expect(ok.status).toBe(201)
    expect(ok.body.filename).toBe('Plan Ü.pdf')
    const download = await app.request(`${path}/${ok.body.id}`, { headers: s.owner.headers })
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdfBytes('zwei'))
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''Plan%20%C3%9C.pdf")
  })

  it('lists running agreements near their end and reminds once per agreement and window', async () => {
    const { raiseEndingSoonNotices } = await import('./ending-soon.queries.ts')
    const soon = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10)
    const get = await call(app, 'GET', `/api/agreements/${s.agreementId}`, { headers: s.planner.headers })
    await call(app, 'PATCH', `/api/agreements/${s.agreementId}`, {
      headers: { ...s.planner.headers, 'If-Match': get.headers.get('etag') as string },
      json: { term_end: soon },
    })
    const dashboard = await call(app, 'GET', '/api/agreements/ending-soon?months=6', {
      headers: s.planner.headers,
    })
    expect(dashboard.body.agreements.map((a: { id: number }) => a.id)).toContain(s.agreementId)
    const narrow = await call(app, 'GET', '/api/agreements/ending-soon?months=1', {
      headers: s.planner.headers,
    })
    expect(narrow.body.agreements.map((a: { id: number }) => a.id)).not.toContain(s.agreementId)
    expect(await raiseEndingSoonNotices(db().sql, 6)).toBeGreaterThan(0)
    expect(await raiseEndingSoonNotices(db().sql, 6)).toBe(0)
    const owner = await call(app, 'GET', '/api/notifications', { headers: s.owner.headers })
    const reminders = owner.body.notifications.filter(
      (n: { kind: string }) => n.kind === 'agreement.ending_soon',
    )
    expect(reminders).toHaveLength(1)
    expect(reminders[0].body.de).toContain(soon)
    expect(reminders[0].body.en).toContain(soon)
  })
})

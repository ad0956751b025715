import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { accountTablesChecksum, createUser, sessionCookie } from '../auth/auth.testing.ts'
import { createApiToken } from '../auth/tokens.queries.ts'
import { plotFeature, tableChecksum } from '../features/features.testing.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { toProblem } from './problem.ts'

// NUL and other control characters are refused at the boundary with a problem, before any SQL:
// in paths and query parameters, in every string of a JSON body, and (tab and line breaks) in
// one-line fields. The SQLSTATEs of a NUL that slips through map to 400 as a safety net.

const db = useTestDatabase()
const bearer: Record<'planner' | 'owner' | 'admin', Record<string, string>> = {
  planner: {},
  owner: {},
  admin: {},
}
let cookie = ''

beforeAll(async () => {
  for (const role of ['planner', 'owner', 'admin'] as const) {
    const user = await createUser(db(), role)
    bearer[role] = { Authorization: `Bearer ${(await createApiToken(db().sql, user.id, 'test')).token}` }
  }
  const resident = await createUser(db(), 'resident')
  cookie = await sessionCookie(createApp(db()), resident.email, resident.password)
})

const nul = '\u0000'

async function expectRefused(response: Response, status: number) {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  const problem = (await response.json()) as { type: string; detail: string }
  expect(problem.type).toBe(
    `urn:quartiersatlas:problem:${status === 400 ? 'control-character-in-url' : 'control-character'}`,
  )
  return problem
}

describe('control characters in paths and query parameters', () => {
  const queries: [string, keyof typeof bearer | undefined][] = [
    ['/api/collections/plots/items?name=%00', undefined],
    ['/api/collections/interim-uses/items?organisation=%00', undefined],
    ['/api/search?q=%00', undefined],
    ['/api/search?q=Brache%1B', undefined],
    ['/api/agreements?status=%00', 'planner'],
    ['/api/offers?status=%00', 'planner'],
    ['/api/privacy/audit?table=%00', 'admin'],
    ['/api/privacy/audit?row_id=%00', 'admin'],
    ['/api/privacy/audit?actor_id=1%00', 'admin'],
    ['/api/collections/plots/items?na%00me=x', undefined],
    ['/api/collections/plots%00/items', undefined],
  ]
  for (const [path, role] of queries) {
    it(`refuses ${path} with 400`, async () => {
      const response = await createApp(db()).request(path, { headers: role ? bearer[role] : {} })
      const problem = await expectRefused(response, 400)
      expect(problem.detail).toMatch(/U\+00(00|1B) is not allowed/)
    })
  }
})

describe('control characters in JSON bodies', () => {
  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    createApp(db()).request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost', ...headers },
      body: JSON.stringify(body),
    })

  it('refuses a plot whose name or description holds NUL, and writes nothing', async () => {
    const before = await tableChecksum(db(), 'plots')
    for (const properties of [{ name: `Brache${nul}` }, { description: `Zeile 1${nul}` }]) {
      const response = await createApp(db()).request('/api/collections/plots/items', {
        method: 'POST',
        headers: { 'Content-Type': 'application/geo+json', ...bearer.planner },
        body: JSON.stringify(plotFeature(properties)),
      })
      const problem = await expectRefused(response, 422)
      expect(problem.detail).toMatch(/^properties\.(name|description): U\+0000/)
    }
    expect(await tableChecksum(db(), 'plots')).toBe(before)
  })

  it('keeps tabs and line breaks in long texts but refuses them in one-line fields', async () => {
    const kept = await createApp(db()).request('/api/collections/plots/items', {
      method: 'POST',
      headers: { 'Content-Type': 'application/geo+json', ...bearer.planner },
      body: JSON.stringify(plotFeature({ description: 'Zeile 1\r\nZeile 2\tEnde' })),
    })
    expect(kept.status).toBe(201)
    expect(((await kept.json()) as { properties: { description: string } }).properties.description).toBe(
      'Zeile 1\r\nZeile 2\tEnde',
    )
    const refused = await createApp(db()).request('/api/collections/plots/items', {
      method: 'POST',
      headers: { 'Content-Type': 'application/geo+json', ...bearer.planner },
      body: JSON.stringify(plotFeature({ name: 'Brache\nzwei Zeilen' })),
    })
    expect(refused.status).toBe(422)
    expect(((await refused.json()) as { detail: string }).detail).toContain(
      'name: must be one line without control characters',
    )
  })

  it('refuses offers with NUL in the title or the contact', async () => {
    const before = await tableChecksum(db(), 'offers')
    const offer = { geometry: plotFeature().geometry, title: 'Brache am Kanal' }
    await expectRefused(await post('/api/offers', { ...offer, title: `Brache${nul}` }, bearer.owner), 422)
    await expectRefused(
      await post('/api/offers', { ...offer, contact: { contact_name: `Erika${nul}` } }, bearer.owner),
      422,
    )
    expect(await tableChecksum(db(), 'offers')).toBe(before)
  })

  it('refuses registrations, sign-ins and token names with control characters, and stores nothing', async () => {
    const before = await accountTablesChecksum(db())
    const account = { email: 'nul@example.org', password: 'ein-langes-passwort', role: 'owner' }
    await expectRefused(await post('/api/auth/register', { ...account, display_name: `A${nul}` }, {}), 422)
    await expectRefused(await post('/api/auth/register', { ...account, organisation: `B${nul} AG` }, {}), 422)
    await expectRefused(await post('/api/auth/register', { [`e${nul}`]: 1 }, {}), 422)
    await expectRefused(
      await post('/api/auth/login', { email: `a${nul}@example.org`, password: 'x' }, {}),
      422,
    )
    await expectRefused(await post('/api/auth/tokens', { name: `QGIS${nul}` }, { Cookie: cookie }), 422)
    const tab = await post('/api/auth/tokens', { name: 'QGIS\tBüro' }, { Cookie: cookie })
    expect(tab.status).toBe(422)
    expect(await accountTablesChecksum(db())).toBe(before)
  })
})

describe('the error funnel as a safety net', () => {
  it('maps the SQLSTATEs of NUL in text (22021) and in jsonb (22P05) to 400', async () => {
    const text = await db().sql`select ${`a${nul}b`}::text`
      .then(() => undefined)
      .catch((error: unknown) => error)
    const json = await db().sql`select '{"a": "\\u0000"}'::jsonb ->> 'a'`
      .then(() => undefined)
      .catch((error: unknown) => error)
    for (const error of [text, json]) {
      const problem = toProblem(error)
      expect(problem.status).toBe(400)
      expect(problem.slug).toBe('invalid-text')
    }
  })
})

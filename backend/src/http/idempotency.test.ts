import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { authHeaders } from '../auth/auth.testing.ts'
import { plotFeature, square } from '../features/features.testing.ts'
import { useTestDatabase } from '../test/test-database.ts'

const db = useTestDatabase()

let counter = 0
const newKey = () => `key-${process.pid}-${Date.now().toString(36)}-${++counter}`

async function plotCount(): Promise<number> {
  const [row]: [{ count: number }?] = await db().sql`select count(*)::int as count from plots`
  return row?.count ?? 0
}

function postPlot(headers: Record<string, string>, key: string, name: string) {
  return createApp(db()).request('/api/collections/plots/items', {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/geo+json', 'Idempotency-Key': key },
    body: JSON.stringify(plotFeature({ name })),
  })
}

describe('Idempotency-Key on POST', () => {
  it('answers a retry with the first answer and creates the plot once', async () => {
    const headers = await authHeaders(db(), 'admin')
    const key = newKey()
    const before = await plotCount()
    const first = await postPlot(headers, key, 'Brache am Kanal')
    const retry = await postPlot(headers, key, 'Brache am Kanal')
    expect(first.status).toBe(201)
    expect(retry.status).toBe(201)
    expect(retry.headers.get('location')).toBe(first.headers.get('location'))
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'))
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await retry.text()).toBe(await first.text())
    expect(await plotCount()).toBe(before + 1)
  })

  it('creates once when the retry runs alongside the first request', async () => {
    const headers = await authHeaders(db(), 'admin')
    const key = newKey()
    const before = await plotCount()
    const answers = await Promise.all([1, 2, 3].map(() => postPlot(headers, key, 'Gleichzeitig')))
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201])
    const bodies = await Promise.all(answers.map((answer) => answer.text()))
    expect(new Set(bodies).size).toBe(1)
    expect(await plotCount()).toBe(before + 1)
  })

  it('refuses the key for a different request (422) and changes nothing', async () => {
    const headers = await authHeaders(db(), 'admin')
    const key = newKey()
    expect((await postPlot(headers, key, 'Erste')).status).toBe(201)
    const before = await plotCount()
    const other = await postPlot(headers, key, 'Andere')
    expect(other.status).toBe(422)
    expect(other.headers.get('content-type')).toContain('application/problem+json')
    expect(await other.json()).toMatchObject({ type: 'urn:quartiersatlas:problem:idempotency-key-reused' })
    expect(await plotCount()).toBe(before)
  })

  it('keeps no key for a refused request, and none of another caller', async () => {
    const headers = await authHeaders(db(), 'admin')
    const key = newKey()
    const refused = await createApp(db()).request('/api/collections/plots/items', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/geo+json', 'Idempotency-Key': key },
      body: JSON.stringify(
        plotFeature({ name: 'Offen' }, { type: 'Polygon', coordinates: [[[12.3, 51.3]]] }),
      ),
    })
    expect(refused.status).toBeGreaterThanOrEqual(400)
    expect(refused.status).toBeLessThan(500)
    const fixed = await postPlot(headers, key, 'Offen')
    expect(fixed.status).toBe(201)
    expect(fixed.headers.get('idempotent-replayed')).toBeNull()
    const stranger = await postPlot(await authHeaders(db(), 'admin'), key, 'Offen')
    expect(stranger.status).toBe(201)
    expect(stranger.headers.get('location')).not.toBe(fixed.headers.get('location'))
  })

  it('forgets a key after 24 hours', async () => {
    const headers = await authHeaders(db(), 'admin')
    const key = newKey()
    const first = await postPlot(headers, key, 'Alt')
    await db().sql`update idempotency_keys set created_at = now() - interval '25 hours' where key = ${key}`
    const later = await postPlot(headers, key, 'Alt')
    expect(later.status).toBe(201)
    expect(later.headers.get('location')).not.toBe(first.headers.get('location'))
  })

  it('refuses a malformed key with 400', async () => {
    const before = await plotCount()
    const response = await postPlot(await authHeaders(db(), 'admin'), 'mit Leerzeichen', 'Brache')
    expect(response.status).toBe(400)
    expect(await plotCount()).toBe(before)
  })

  it('holds for offers', async () => {
    const headers = {
      ...(await authHeaders(db(), 'owner')),
      'Content-Type': 'application/json',
      'Idempotency-Key': newKey(),
    }
    const body = JSON.stringify({ title: 'Hofbrache (Idempotenz)', geometry: square(12.3152, 51.3371) })
    const offerCount = async () => {
      const [row]: [{ count: number }?] = await db().sql`select count(*)::int as count from offers`
      return row?.count ?? 0
    }
    const before = await offerCount()
    const first = await createApp(db()).request('/api/offers', { method: 'POST', headers, body })
    const retry = await createApp(db()).request('/api/offers', { method: 'POST', headers, body })
    expect([first.status, retry.status]).toEqual([201, 201])
    expect(await retry.json()).toEqual(await first.json())
    expect(await offerCount()).toBe(before + 1)
  })
})

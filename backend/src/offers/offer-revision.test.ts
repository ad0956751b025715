import { describe, expect, it } from 'vitest'
import { call, checksums, square } from '../agreements/interim-use.testing.ts'
import { caller } from '../agreements/interim-use-scenario.testing.ts'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'

const db = useTestDatabase()

describe('owners revise offers only with the ETag they read', () => {
  it('answers the version as ETag and in lists, needs If-Match (428), refuses a stale one (412), changing nothing', async () => {
    const app = createApp(db())
    const owner = await caller(db(), 'owner')
    const created = await call(app, 'POST', '/api/offers', {
      headers: owner.headers,
      json: { title: 'Hofbrache (Test)', geometry: square(12.3152, 51.3371), conditions: 'vorher' },
    })
    expect(created.status).toBe(201)
    const path = `/api/offers/${created.body.id}`
    expect(created.headers.get('etag')).toBe(`"${created.body.version}"`)
    const read = await call(app, 'GET', path, { headers: owner.headers })
    expect(read.headers.get('etag')).toBe(`"${read.body.version}"`)
    const list = await call(app, 'GET', '/api/offers', { headers: owner.headers })
    expect(list.body.offers).toMatchObject([{ id: created.body.id, version: read.body.version }])

    const before = await checksums(db().sql)
    const missing = await call(app, 'PATCH', path, {
      headers: owner.headers,
      json: { conditions: 'ohne If-Match' },
    })
    expect(missing.status).toBe(428)
    expect(missing.headers.get('content-type')).toContain('application/problem+json')
    expect(missing.body).toMatchObject({ status: 428, title: 'If-Match required' })
    expect(missing.body.detail).toContain('If-Match')
    expect(missing.body.detail).toContain('GET /api/offers/{id}')
    expect(await checksums(db().sql)).toEqual(before)

    const etag = read.headers.get('etag') as string
    const ok = await call(app, 'PATCH', path, {
      headers: { ...owner.headers, 'If-Match': etag },
      json: { conditions: 'nachher' },
    })
    expect(ok.status).toBe(200)
    expect(ok.body.conditions).toBe('nachher')
    expect(ok.headers.get('etag')).toBe(`"${ok.body.version}"`)
    expect(ok.body.version).toBeGreaterThan(read.body.version)

    const afterEdit = await checksums(db().sql)
    const stale = await call(app, 'PATCH', path, {
      headers: { ...owner.headers, 'If-Match': etag },
      json: { conditions: 'überschrieben' },
    })
    expect(stale.status).toBe(412)
    expect(stale.body).toMatchObject({ status: 412, current_version: ok.body.version })
    expect(await checksums(db().sql)).toEqual(afterEdit)
    // RFC 9110 §13.1.1: If-Match compares strongly, so a weak tag never allows a write.
    const weak = await call(app, 'PATCH', path, {
      headers: { ...owner.headers, 'If-Match': `W/${ok.headers.get('etag')}` },
      json: { conditions: 'schwach' },
    })
    expect(weak.status).toBe(412)
    expect(await checksums(db().sql)).toEqual(afterEdit)
    const listed = await call(app, 'PATCH', path, {
      headers: { ...owner.headers, 'If-Match': `${etag}, ${ok.headers.get('etag')}` },
      json: { conditions: 'aus der Liste' },
    })
    expect(listed.status).toBe(200)
    const any = await call(app, 'PATCH', path, {
      headers: { ...owner.headers, 'If-Match': '*' },
      json: { conditions: 'zuletzt' },
    })
    expect(any.status).toBe(200)
    expect(any.body.conditions).toBe('zuletzt')
  })

  it('counts a revision of the land and the terms as one version', async () => {
    const app = createApp(db())
    const owner = await caller(db(), 'owner')
    const created = await call(app, 'POST', '/api/offers', {
      headers: owner.headers,
      json: { title: 'Eckgrundstück (Test)', geometry: square(12.3152, 51.3371) },
    })
    const revised = await call(app, 'PATCH', `/api/offers/${created.body.id}`, {
      headers: { ...owner.headers, 'If-Match': created.headers.get('etag') as string },
      json: { title: 'Eckgrundstück, kleiner (Test)', geometry: square(12.3152, 51.3371, 0.0004) },
    })
    expect(revised.status).toBe(200)
    expect(revised.body.version).toBe(created.body.version + 1)
    expect(revised.body.area_m2).toBeLessThan(created.body.area_m2)
  })
})

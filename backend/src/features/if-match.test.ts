import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { createUser } from '../auth/auth.testing.ts'
import { createApiToken } from '../auth/tokens.queries.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { plotFeature, tableChecksum } from './features.testing.ts'

// RFC 9110 §13.1.1 on feature writes: "*" means the feature exists, a list matches if any entry
// does, and weak tags never allow a write.

const db = useTestDatabase()

async function newPlot() {
  const user = await createUser(db(), 'planner')
  const { token } = await createApiToken(db().sql, user.id, 'test')
  const headers = { Authorization: `Bearer ${token}` }
  const response = await createApp(db()).request('/api/collections/plots/items', {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/geo+json' },
    body: JSON.stringify(plotFeature({ status: 'offered' })),
  })
  const id = Number(response.headers.get('location')?.split('/').pop())
  return {
    headers,
    id,
    etag: response.headers.get('etag') as string,
    url: `/api/collections/plots/items/${id}`,
  }
}

function write(
  method: 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  headers: Record<string, string>,
  ifMatch: string,
) {
  const body =
    method === 'PUT'
      ? { body: JSON.stringify(plotFeature({ name: 'ersetzt' })), type: 'application/geo+json' }
      : method === 'PATCH'
        ? { body: JSON.stringify({ properties: { name: 'geändert' } }), type: 'application/merge-patch+json' }
        : undefined
  return createApp(db()).request(url, {
    method,
    headers: { ...headers, 'If-Match': ifMatch, ...(body ? { 'Content-Type': body.type } : {}) },
    body: body?.body,
  })
}

describe('If-Match by RFC 9110', () => {
  it.each(['PUT', 'PATCH', 'DELETE'] as const)(
    '%s: "*" writes an existing feature, 404 once it is gone',
    async (method) => {
      const { headers, url } = await newPlot()
      const first = await write(method, url, headers, '*')
      expect(first.status).toBe(method === 'DELETE' ? 204 : 200)
      if (method !== 'DELETE') expect(first.headers.get('etag')).toMatch(/-v2"$/)
      await write('DELETE', url, headers, '*')
      const gone = await write(method, url, headers, '*')
      expect(gone.status).toBe(404)
      expect(gone.headers.get('content-type')).toContain('application/problem+json')
    },
  )

  it.each(['PUT', 'PATCH', 'DELETE'] as const)(
    '%s: a list matches if any entry does, else 412 unchanged',
    async (method) => {
      const { headers, id, url, etag } = await newPlot()
      const before = await tableChecksum(db(), 'plots')
      const none = await write(method, url, headers, `"plots-${id}-v7", "plots-${id}-v9", "links-${id}-v1"`)
      expect(none.status).toBe(412)
      expect(none.headers.get('etag')).toBe(etag)
      expect(await tableChecksum(db(), 'plots')).toBe(before)
      const some = await write(method, url, headers, `"plots-${id}-v7", ${etag} , W/"plots-${id}-v9"`)
      expect(some.status).toBe(method === 'DELETE' ? 204 : 200)
      expect(await tableChecksum(db(), 'plots')).not.toBe(before)
    },
  )

  it.each(['PUT', 'PATCH', 'DELETE'] as const)(
    '%s: a weak tag of the current version is refused with 412',
    async (method) => {
      const { headers, url, etag } = await newPlot()
      const before = await tableChecksum(db(), 'plots')
      const weak = await write(method, url, headers, `W/${etag}`)
      expect(weak.status).toBe(412)
      expect(weak.headers.get('content-type')).toContain('application/problem+json')
      expect(await tableChecksum(db(), 'plots')).toBe(before)
    },
  )

  it('lets every one of 10 concurrent "*" writers through, one version each', async () => {
    const { headers, id, url } = await newPlot()
    const responses = await Promise.all(Array.from({ length: 10 }, () => write('PATCH', url, headers, '*')))
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200))
    const [row] = await db().sql<{ version: number }[]>`select version from plots where id = ${id}`
    expect(row?.version).toBe(11)
  })
})

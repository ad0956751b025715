import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { authHeaders, createUser, sessionCookie } from '../auth/auth.testing.ts'
import { createApiToken } from '../auth/tokens.queries.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { plotFeature, square, tableChecksum } from './features.testing.ts'

// Editing from desktop GIS: QGIS 3.32+ sends PUT, PATCH and DELETE without If-Match
// (qgsoapifputfeaturerequest.cpp, qgsoapifpatchfeaturerequest.cpp, qgsoapifdeletefeaturerequest.cpp).
// A token made for a desktop GIS may do so (last writer wins); history keeps what it overwrote,
// who did it and with which client, and the overwritten version can be restored.

const db = useTestDatabase()
const app = () => createApp(db())
const qgis = 'Mozilla/5.0 QGIS/33404/Debian GNU/Linux 12 (bookworm)'

type Feature = { id: number | string; type: string; geometry: unknown; properties: Record<string, unknown> }
type History = {
  versions: {
    version: number
    operation: string
    client: string | null
    replacedVersion: number | null
    author: { email: string } | null
  }[]
}

async function planner(desktopGis: boolean) {
  const user = await createUser(db(), 'planner')
  const { token } = await createApiToken(db().sql, user.id, desktopGis ? 'QGIS' : 'Skript', desktopGis)
  return { user, authorization: `Bearer ${token}` }
}

/** A plot created and then changed in the web map (with If-Match): version 2. */
async function plotAtVersion2() {
  const { authorization } = await planner(false)
  const created = await app().request('/api/collections/plots/items', {
    method: 'POST',
    headers: { Authorization: authorization, 'Content-Type': 'application/geo+json' },
    body: JSON.stringify(plotFeature({ description: 'aus dem Browser', status: 'fallow' })),
  })
  const id = Number(created.headers.get('location')?.split('/').pop())
  const changed = await app().request(`/api/collections/plots/items/${id}`, {
    method: 'PATCH',
    headers: {
      Authorization: authorization,
      'Content-Type': 'application/merge-patch+json',
      'If-Match': `"plots-${id}-v1"`,
    },
    body: JSON.stringify({ properties: { description: 'im Browser geändert' } }),
  })
  expect(changed.status).toBe(200)
  return id
}

async function history(id: number, authorization: string): Promise<History> {
  const response = await app().request(`/api/collections/plots/items/${id}/history`, {
    headers: { Authorization: authorization },
  })
  expect(response.status).toBe(200)
  return (await response.json()) as History
}

describe('desktop GIS tokens', () => {
  it('are made only on request, by editors, and listed as such', async () => {
    const web = app()
    const session = async (role: 'owner' | 'planner') => {
      const user = await createUser(db(), role)
      const cookie = await sessionCookie(web, user.email, user.password)
      return { Cookie: cookie, 'Content-Type': 'application/json', Origin: 'http://localhost' }
    }
    const ask = (headers: Record<string, string>) =>
      web.request('/api/auth/tokens', {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'QGIS', desktop_gis: true }),
      })
    const refused = await ask(await session('owner'))
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { type: string }).type).toContain('forbidden')
    const editor = await session('planner')
    const made = await ask(editor)
    expect(made.status).toBe(201)
    expect(await made.json()).toMatchObject({ name: 'QGIS', desktop_gis: true })
    const listed = (await (await web.request('/api/auth/tokens', { headers: editor })).json()) as {
      desktop_gis: boolean
    }[]
    expect(listed.map((token) => token.desktop_gis)).toEqual([true])
  })
})

describe('writes as QGIS sends them, without If-Match', () => {
  it('keeps 428 for an ordinary token and changes nothing', async () => {
    const id = await plotAtVersion2()
    const { authorization } = await planner(false)
    const before = await tableChecksum(db(), 'plots')
    const response = await app().request(`/api/collections/plots/items/${id}`, {
      method: 'PATCH',
      headers: {
        Authorization: authorization,
        'Content-Type': 'application/merge-patch+json',
        'User-Agent': qgis,
      },
      body: JSON.stringify({ properties: { description: 'aus QGIS' } }),
    })
    expect(response.status).toBe(428)
    expect(await tableChecksum(db(), 'plots')).toBe(before)
  })

  it('PATCH of properties: the last writer wins, history names the client and the version overwritten', async () => {
    const id = await plotAtVersion2()
    const { user, authorization } = await planner(true)
    const response = await app().request(`/api/collections/plots/items/${id}`, {
      method: 'PATCH',
      headers: {
        Authorization: authorization,
        'Content-Type': 'application/merge-patch+json',
        'User-Agent': qgis,
      },
      body: JSON.stringify({ properties: { description: 'aus QGIS', status: 'offered' } }),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('etag')).toBe(`"plots-${id}-v3"`)
    expect(((await response.json()) as Feature).properties).toMatchObject({
      description: 'aus QGIS',
      status: 'offered',
    })
    const last = (await history(id, authorization)).versions.at(-1)
    expect(last).toMatchObject({
      version: 3,
      operation: 'update',
      client: qgis,
      replacedVersion: 2,
      author: { email: user.email },
    })
  })

  it('PATCH of the geometry in the project CRS, with Content-Crs as QGIS sends it', async () => {
    const id = await plotAtVersion2()
    const { authorization } = await planner(true)
    const response = await app().request(`/api/collections/plots/items/${id}`, {
      method: 'PATCH',
      headers: {
        Authorization: authorization,
        'Content-Type': 'application/merge-patch+json',
        'Content-Crs': '<http://www.opengis.net/def/crs/EPSG/0/25833>',
        'User-Agent': qgis,
      },
      body: JSON.stringify({
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [314000, 5690000],
                [314050, 5690000],
                [314050, 5690040],
                [314000, 5690040],
                [314000, 5690000],
              ],
            ],
          ],
        },
      }),
    })
    expect(response.status).toBe(200)
    const [row] = await db().sql<
      { area: number }[]
    >`select area_m2::float as area from plots where id = ${id}`
    expect(row?.area).toBeCloseTo(2000, 0)
  })

  it('PUT of the whole feature as QgsJsonExporter writes it (string id, every field it read), then restore', async () => {
    const id = await plotAtVersion2()
    const { authorization } = await planner(true)
    const read = (await (
      await app().request(`/api/collections/plots/items/${id}`, { headers: { Authorization: authorization } })
    ).json()) as Feature
    const body = {
      type: 'Feature',
      id: String(id),
      geometry: square(12.331, 51.331),
      properties: { ...read.properties, name: 'Umbenannt in QGIS' },
    }
    const response = await app().request(`/api/collections/plots/items/${id}`, {
      method: 'PUT',
      headers: { Authorization: authorization, 'Content-Type': 'application/geo+json', 'User-Agent': qgis },
      body: JSON.stringify(body),
    })
    expect(response.status).toBe(200)
    const versions = (await history(id, authorization)).versions
    expect(versions.at(-1)).toMatchObject({ version: 3, client: qgis, replacedVersion: 2 })
    // The version QGIS overwrote is restorable from the web map.
    const browser = await authHeaders(db(), 'admin')
    const restored = await app().request(`/api/collections/plots/items/${id}/history/2/restore`, {
      method: 'POST',
      headers: { ...browser, 'If-Match': `"plots-${id}-v3"`, Origin: 'http://localhost' },
    })
    expect(restored.status).toBe(200)
    expect(((await restored.json()) as Feature).properties).toMatchObject({
      name: 'Testbrache',
      description: 'im Browser geändert',
    })
  })

  it('DELETE: the deleted version is recorded with the client and can be restored', async () => {
    const id = await plotAtVersion2()
    const { authorization } = await planner(true)
    const response = await app().request(`/api/collections/plots/items/${id}`, {
      method: 'DELETE',
      headers: { Authorization: authorization, 'User-Agent': qgis },
    })
    expect(response.status).toBe(204)
    const [row] = await db().sql<{ client: string; replaced_version: number }[]>`
      select client, replaced_version from history where table_name = 'plots' and row_id = ${id} and operation = 'delete'`
    expect(row).toEqual({ client: qgis, replaced_version: 2 })
    const restored = await app().request(`/api/collections/plots/deleted/${id}/restore`, {
      method: 'POST',
      headers: { Authorization: authorization },
    })
    expect(restored.status).toBe(201)
  })

  it('still checks If-Match when a desktop GIS sends one', async () => {
    const id = await plotAtVersion2()
    const { authorization } = await planner(true)
    const response = await app().request(`/api/collections/plots/items/${id}`, {
      method: 'PATCH',
      headers: {
        Authorization: authorization,
        'Content-Type': 'application/merge-patch+json',
        'If-Match': `"plots-${id}-v1"`,
        'User-Agent': qgis,
      },
      body: JSON.stringify({ properties: { description: 'veraltet' } }),
    })
    expect(response.status).toBe(412)
  })
})

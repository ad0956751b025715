import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { authHeaders } from '../auth/auth.testing.ts'
import { importPreview, importReport } from '../contract/imports.schema.ts'
import { tableChecksum } from '../features/features.testing.ts'
import { useTestDatabase } from '../test/test-database.ts'

// The import API: preview, commit with a mapping, refusals as problems with nothing changed,
// and a retried upload (same Idempotency-Key) imported once.

const db = useTestDatabase()
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name))

function upload(name: string, options: Record<string, unknown> = {}) {
  const form = new FormData()
  form.set('file', new File([fixture(name)], name))
  form.set('options', JSON.stringify(options))
  return form
}

describe('the import API', () => {
  let app: ReturnType<typeof createApp>
  let planner: Record<string, string>
  beforeAll(async () => {
    app = createApp(db())
    planner = await authHeaders(db(), 'planner')
  })

  it('previews a zipped CP1252 Shapefile with a suggested mapping, then commits it once under one Idempotency-Key', async () => {
    const before = await tableChecksum(db(), 'plots')
    const preview = await app.request('/api/imports/plots/preview', {
      method: 'POST',
      headers: planner,
      body: upload('brachen-cp1252.zip'),
    })
    expect(preview.status).toBe(200)
    const body = importPreview.parse(await preview.json())
    expect(body).toMatchObject({
      format: 'shapefile',
      layer: 'brachen',
      report: { srid: 25833, refused: [] },
    })
    expect(body.suggestedMapping).toMatchObject({ Name: 'name', Adresse: 'address', Status: 'status' })
    expect(body.features.features[0]?.properties.name).toBe('Gärtnerei an der Lößniger Straße')
    expect(await tableChecksum(db(), 'plots')).toBe(before)

    // A retry sends the very same bytes (one multipart boundary).
    const request = new Request('http://localhost/', {
      method: 'POST',
      body: upload('brachen-cp1252.zip', { mapping: { ...body.suggestedMapping, Status: null } }),
    })
    const contentType = request.headers.get('content-type') ?? ''
    const bytes = await request.arrayBuffer()
    const commit = () =>
      app.request('/api/imports/plots', {
        method: 'POST',
        headers: { ...planner, 'Idempotency-Key': 'import-brachen-1', 'Content-Type': contentType },
        body: bytes,
      })
    const first = await commit()
    expect(first.status, await first.clone().text()).toBe(201)
    expect(importReport.parse(await first.json())).toMatchObject({ inserted: 2 })
    const again = await commit()
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    const [count] = await db().sql`select count(*)::int as n from plots where name like 'Gärtnerei an der%'`
    expect(count?.n).toBe(1)
  }, 120_000)

  it('refuses a file in EPSG:5650 and features outside the city as problems, changing nothing', async () => {
    const before = await tableChecksum(db(), 'plots')
    const zoned = await app.request('/api/imports/plots', {
      method: 'POST',
      headers: planner,
      body: upload('brachen-5650.zip'),
    })
    expect(zoned.status).toBe(422)
    expect(await zoned.json()).toMatchObject({
      type: expect.stringContaining('invalid-import-file'),
      detail: expect.stringMatching(/zone prefix/),
    })
    const outside = await app.request('/api/imports/plots', {
      method: 'POST',
      headers: planner,
      body: upload('brachen-ausserhalb.geojson', { mapping: { Name: 'name' } }),
    })
    expect(outside.status).toBe(422)
    const problem = (await outside.json()) as { type: string; report: { refused: { reasons: string[] }[] } }
    expect(problem.type).toContain('import-refused')
    expect(problem.report.refused[0]?.reasons).toEqual(['the geometry lies outside Leipzig'])
    expect(await tableChecksum(db(), 'plots')).toBe(before)
  }, 120_000)

  it('lets only planners and admins import', async () => {
    const resident = await authHeaders(db(), 'resident')
    const response = await app.request('/api/imports/plots', {
      method: 'POST',
      headers: resident,
      body: upload('brachen-cp1252.zip'),
    })
    expect(response.status).toBe(403)
  })
})

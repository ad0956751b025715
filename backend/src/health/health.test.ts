import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'

const db = useTestDatabase()

describe('GET /api/health', () => {
  it('names the engine and the PostGIS version', async () => {
    const response = await createApp(db()).request('/api/health')
    expect(response.status).toBe(200)
    const body = (await response.json()) as { database: { postgis: string } }
    expect(body).toMatchObject({ status: 'ok', database: { engine: db().engine } })
    expect(body.database.postgis).toMatch(/^3\.\d+/)
  })

  it('says ready while the database answers, for a proxy to send traffic', async () => {
    const response = await createApp(db()).request('/api/ready')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({ status: 'ready' })
  })

  it('answers unknown API paths with a 404 problem', async () => {
    const response = await createApp(db()).request('/api/nowhere')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
    expect(await response.json()).toMatchObject({ status: 404, type: 'urn:quartiersatlas:problem:not-found' })
  })
})

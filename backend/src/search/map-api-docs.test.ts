import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { overlayQuery } from '../overlay/overlay.schema.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { searchQuery } from './search.routes.ts'

const db = useTestDatabase()

type Operation = { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }

describe('the map endpoints in the OpenAPI document', () => {
  it('documents search, context and overlay with exactly the query parameters they accept', async () => {
    const response = await createApp(db()).request('/api/openapi.json')
    const text = await response.text()
    const document = JSON.parse(text) as {
      paths: Record<string, { get?: Operation }>
      components: Record<string, Record<string, unknown>>
    }
    const queryNames = (path: string) =>
      (document.paths[path]?.get?.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => p.name)
        .sort()

    expect(queryNames('/search')).toEqual(Object.keys(searchQuery.shape).sort())
    expect(queryNames('/overlay/figures')).toEqual(Object.keys(overlayQuery.shape).sort())
    expect(queryNames('/overlay/figures.csv')).toEqual(Object.keys(overlayQuery.shape).sort())
    expect(document.paths['/context/{collectionId}/{featureId}']?.get?.responses).toHaveProperty('404')

    for (const [, kind, name] of text.matchAll(/"#\/components\/(\w+)\/([^"]+)"/g)) {
      expect(document.components[kind as string]?.[name as string], `${kind}/${name}`).toBeDefined()
    }
  })
})

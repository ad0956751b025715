import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'

// The OpenAPI document against the routes the app really mounts: a route added without its
// description fails here, and so does a description left behind by a route that is gone.

const db = useTestDatabase()

const methods = ['get', 'put', 'post', 'patch', 'delete'] as const

/**
 * Mounted routes the document leaves out on purpose: the documentation UI's own files, and the
 * trailing-slash alias of the landing page (/api/ answers as /api).
 */
const undocumented = new Set(['GET /docs/{}', 'GET /docs/init.js', 'GET /{}'])

/** `/offers/:id` and `/offers/{offerId}` alike as `/offers/{}`. */
const template = (path: string) => path.replace(/:\w+(\{[^}]*\})?|\{\w+\}/g, '{}')

/** Whether a documented path (a template, or one collection spelled out) is one of the route's. */
const matches = (route: string, documented: string) =>
  new RegExp(`^${route.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replaceAll('{}', '[^/]+')}$`).test(
    template(documented),
  ) || template(documented) === route

describe('the OpenAPI document', () => {
  it('describes every mounted /api route and no route that is not mounted', async () => {
    const app = createApp(db())
    // HEAD and OPTIONS answer for the GET and the write routes (RFC 9110), not on their own.
    const mounted = [
      ...new Set(
        app.routes
          .filter((route) => /^\/api(\/|$)/.test(route.path))
          .filter((route) => methods.some((method) => method === route.method.toLowerCase()))
          .map((route) => `${route.method} ${template(route.path.slice('/api'.length)) || '/'}`),
      ),
    ].filter((route) => !undocumented.has(route))
    const document = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Partial<Record<(typeof methods)[number], unknown>>>
    }
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      methods.filter((method) => operations[method] !== undefined).map((method) => ({ method, path })),
    )

    const missing = mounted.filter((route) => {
      const [method, path] = route.split(' ') as [string, string]
      return !documented.some((entry) => entry.method === method.toLowerCase() && matches(path, entry.path))
    })
    const stale = documented.filter(
      ({ method, path }) =>
        !mounted.some((route) => {
          const [mountedMethod, mountedPath] = route.split(' ') as [string, string]
          return mountedMethod.toLowerCase() === method && matches(mountedPath, path)
        }),
    )
    expect(missing).toEqual([])
    expect(stale.map(({ method, path }) => `${method.toUpperCase()} ${path}`)).toEqual([])
  })
})

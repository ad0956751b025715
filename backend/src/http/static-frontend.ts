import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Hono } from 'hono'
import type { AppEnv } from './app-types.ts'
import { Problem } from './problem.ts'

/**
 * Serves the built front end at / with long caching for hashed assets; any other path that is not
 * a file gets index.html, so feature URLs such as /plots/17 open the map there. Source maps (2.9 MB
 * of our sources) answer 404 unless `sourceMaps` is set.
 */
export function mountFrontend(app: Hono<AppEnv>, distDir: string, sourceMaps = false): void {
  const indexFile = join(distDir, 'index.html')
  if (!existsSync(indexFile)) return
  const indexHtml = readFileSync(indexFile, 'utf8')
  if (!sourceMaps) {
    app.get('*', async (c, next) => {
      if (!c.req.path.endsWith('.map')) return next()
      throw new Problem(
        404,
        'not-found',
        'Not found',
        'source maps are served only with SERVE_SOURCE_MAPS=true',
      )
    })
  }
  app.use(
    '/assets/*',
    serveStatic({
      root: distDir,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable')
      },
    }),
  )
  app.use('*', serveStatic({ root: distDir }))
  app.get('*', (c) => {
    c.header('Cache-Control', 'no-cache')
    return c.html(indexHtml)
  })
}

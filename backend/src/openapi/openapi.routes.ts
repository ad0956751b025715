import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Hono } from 'hono'
import { checkParameters } from '../features/request.ts'
import { apiBase } from '../http/api-base.ts'
import type { AppEnv } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'
import { buildOpenApi } from './openapi-document.ts'

// /api/openapi.json and /api/docs: the documentation UI is served from the swagger-ui-dist
// package's files, so it works without any network beyond this server.

const uiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
const uiFiles: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
}

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Quartiersatlas API</title>
<link rel="icon" href="/api/docs/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`

const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', deepLinking: true })`

/** The OpenAPI document and its offline documentation UI. */
export const openApiRoutes = new Hono<AppEnv>()
  .get('/openapi.json', (c) => {
    checkParameters(c, [])
    return c.body(JSON.stringify(buildOpenApi(apiBase(c))), 200, {
      'Content-Type': 'application/vnd.oai.openapi+json;version=3.0',
    })
  })
  .get('/docs', (c) => c.html(page))
  .get('/docs/init.js', (c) => c.body(init, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
  .get('/docs/:file', (c) => {
    const file = c.req.param('file')
    const type = uiFiles[file]
    if (!type) throw new Problem(404, 'not-found', 'Not found', `no documentation file ${file}`)
    c.header('Cache-Control', 'public, max-age=86400')
    return c.body(readFileSync(join(uiDir, file)), 200, { 'Content-Type': type })
  })

import { type Context, Hono } from 'hono'
import { requireRoleOf } from '../auth/require-role.ts'
import { type ImportPreview, importOptions } from '../contract/imports.schema.ts'
import type { Layer } from '../contract/layers.ts'
import { writeAs } from '../db/write-as.ts'
import { layerOf, readOnlyCollection } from '../features/layer-of.ts'
import type { AppEnv } from '../http/app-types.ts'
import { limitBodyTo } from '../http/body-limit.ts'
import { idempotent } from '../http/idempotency.ts'
import { Problem } from '../http/problem.ts'
import { suggestMapping } from './field-mapping.ts'
import { ImportError, importFeatures } from './import-features.ts'
import { openSource } from './sources/read-source.ts'

// /api/imports/{collectionId}: planners and admins upload a file (multipart: "file", and
// "options" as JSON), get a preview with the report and a suggested mapping, and commit it
// with the mapping. Stateless: the browser sends the file again to commit, so no upload is
// kept on the server; an Idempotency-Key makes a retried commit not import twice.

export const maxImportBytes = 200 * 1024 * 1024
const previewFeatures = 500

async function readUpload(c: Context<AppEnv>, layer: Layer) {
  if (!layer.writable && layer.table !== 'districts') throw readOnlyCollection(layer, 'GET')
  if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
    throw new Problem(
      415,
      'unsupported-media-type',
      'Send the file as multipart/form-data',
      'a form with the file in the field "file"',
    )
  }
  const form = await c.req.parseBody()
  const file = form.file
  if (!(file instanceof File)) {
    throw new Problem(422, 'invalid-fields', 'No file', 'put the file in the form field "file"', {
      errors: [{ field: 'file', message: 'a file is required' }],
    })
  }
  let raw: unknown = {}
  try {
    raw = typeof form.options === 'string' && form.options.trim() !== '' ? JSON.parse(form.options) : {}
  } catch {
    throw new Problem(400, 'invalid-json', 'The body is not JSON', 'the form field "options" must be JSON')
  }
  const options = importOptions.safeParse(raw)
  if (!options.success) {
    throw new Problem(
      422,
      'invalid-fields',
      'Invalid import options',
      options.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      {
        errors: options.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
      },
    )
  }
  const bytes = new Uint8Array(await file.arrayBuffer())
  try {
    const source = await openSource(bytes, file.name || 'upload', {
      ...(options.data.layer ? { layer: options.data.layer } : {}),
      ...(options.data.csv ? { csv: options.data.csv } : {}),
    })
    return { source, options: options.data }
  } catch (error) {
    throw unreadable(error)
  }
}

function unreadable(error: unknown): unknown {
  if (!(error instanceof ImportError)) return error
  return new Problem(422, 'invalid-import-file', 'The file cannot be imported', error.message)
}

export const importRoutes = new Hono<AppEnv>()
  .post('/:collectionId/preview', limitBodyTo(maxImportBytes), async (c) => {
    requireRoleOf(c.get('user'), ['planner', 'admin'])
    const layer = layerOf(c.req.param('collectionId'))
    const { source, options } = await readUpload(c, layer)
    const suggestedMapping = suggestMapping(source.fields, layer)
    const features: ImportPreview['features']['features'] = []
    const report = await importFeatures(c.get('db').sql, layer, source, {
      rename: options.mapping ?? suggestedMapping,
      ...(options.srid === undefined ? {} : { srid: options.srid }),
      dryRun: true,
      onAccepted: (properties, geometry) => {
        if (features.length < previewFeatures)
          features.push({ type: 'Feature', properties, geometry: JSON.parse(geometry) })
      },
    }).catch((error) => {
      throw unreadable(error)
    })
    const preview: ImportPreview = {
      format: source.format,
      layers: [...source.layers],
      layer: source.layer,
      fields: [...source.fields],
      suggestedMapping,
      features: { type: 'FeatureCollection', features },
      report: { ...report, inserted: 0, updated: 0 },
    }
    return c.json(preview)
  })
  .post('/:collectionId', limitBodyTo(maxImportBytes), idempotent(), async (c) => {
    const user = requireRoleOf(c.get('user'), ['planner', 'admin'])
    const layer = layerOf(c.req.param('collectionId'))
    const { source, options } = await readUpload(c, layer)
    const { sql } = c.get('db')
    const report = await importFeatures(sql, layer, source, {
      rename: options.mapping ?? suggestMapping(source.fields, layer),
      ...(options.srid === undefined ? {} : { srid: options.srid }),
      ...(options.validOnly ? { validOnly: true } : {}),
      transaction: (work) => writeAs(sql, user, work),
    }).catch((error) => {
      throw unreadable(error)
    })
    if (report.refused.length > 0 && !report.partial) {
      throw new Problem(
        422,
        'import-refused',
        'Features were refused; nothing was imported',
        `${report.refused.length} of ${report.features} features were refused; correct them, or choose to import the valid ones`,
        { report },
      )
    }
    // An import may touch any part of the layer: every cached tile of it goes.
    if (report.inserted + report.updated > 0)
      c.get('events').announce({
        layer,
        featureId: 0,
        before: [-180, -90, 180, 90],
        after: [-180, -90, 180, 90],
      })
    return c.json(report, report.inserted > 0 ? 201 : 200)
  })

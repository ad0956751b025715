import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { assertPlannerMayEdit } from '../access/planner-scope.ts'
import { requireRoleOf } from '../auth/require-role.ts'
import type { Layer } from '../contract/layers.ts'
import { contentCrs, crs84 } from '../crs/crs.ts'
import { type WriteContext, writeAs } from '../db/write-as.ts'
import { checkValidity } from '../geometry/geometry-validity.queries.ts'
import { apiBase } from '../http/api-base.ts'
import type { AppEnv, CurrentUser } from '../http/app-types.ts'
import { geometryProblem } from '../http/geometry-problem.ts'
import { idempotent } from '../http/idempotency.ts'
import { Problem } from '../http/problem.ts'
import type { IfMatch } from '../http/version-match.ts'
import {
  currentVersion,
  deleteFeature,
  type FeatureChange,
  updateFeature,
  upsertFeature,
} from '../layers/layer-writes.queries.ts'
import { type FeatureInput, limitFeatureBody, readFeatureInput } from './feature-body.ts'
import { ifMatchOf, versionToWrite } from './if-match.ts'
import { readFeature } from './items.queries.ts'
import { allowedMethods } from './items.routes.ts'
import { etagOf, featureIdOf, featureNotFound, layerOf, readOnlyCollection } from './layer-of.ts'
import { checkParameters } from './request.ts'
import { editorRoles, visibleProperties } from './visible-properties.ts'

// Part 4 writes: POST creates, PUT replaces, PATCH merges (RFC 7396), DELETE removes. Every
// change to an existing feature needs the ETag it was read with (If-Match); the version check
// and the write are one statement. Writes run on behalf of the caller (history records them)
// and announce the changed extents after commit.

/** Checks the layer, its writability (405) and the caller's role (401/403) before reading a body. */
function writeGate(item: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const layer = layerOf(c.req.param('collectionId') ?? '')
    if (!layer.writable) {
      throw readOnlyCollection(layer, allowedMethods(c, layer, item).join(', '))
    }
    requireRoleOf(c.get('user'), editorRoles)
    checkParameters(c, [])
    await next()
  }
}

/**
 * The version a write must find, from If-Match; `null` for a desktop GIS token writing without
 * If-Match (QGIS sends none): the last writer wins, and history records what it overwrote.
 */
/**
 * The If-Match condition of a write. A desktop GIS token that sends none writes over whatever is
 * there ("*": the feature must exist), and history records the version it replaced unchecked.
 */
function writeCondition(
  c: Context<AppEnv>,
  layer: Layer,
  id: number,
): { condition: IfMatch; unchecked: boolean } {
  const header = c.req.header('if-match')
  if (header === undefined && c.get('user')?.desktopGis) return { condition: '*', unchecked: true }
  return { condition: ifMatchOf(header, layer, id), unchecked: false }
}

/** What history records of a write made with a desktop GIS token: the client and whether it was unchecked. */
function writeContext(c: Context<AppEnv>, unchecked: boolean): WriteContext {
  if (!c.get('user')?.desktopGis) return {}
  return { client: c.req.header('user-agent') ?? 'unknown client', unchecked }
}

function stale(detail: string, headers: Record<string, string> = {}): Problem {
  return new Problem(412, 'precondition-failed', 'The feature has changed', detail, {}, headers)
}

/** After a write matched no row: 404 if the feature is gone, else 412 with the current ETag. */
async function missedWrite(c: Context<AppEnv>, layer: Layer, id: number): Promise<never> {
  const version = await currentVersion(c.get('db').sql, layer, id)
  if (version === undefined) throw featureNotFound(layer, id)
  throw stale(
    `someone changed feature ${id} since you read it (now version ${version}); GET it again and reapply your change`,
    {
      ETag: etagOf(layer, id, version),
    },
  )
}

async function checkGeometryValidity(c: Context<AppEnv>, input: FeatureInput): Promise<void> {
  if (input.geometry === undefined) return
  const failure = await checkValidity(c.get('db').sql, input.geometry)
  if (failure) {
    throw geometryProblem(failure)
  }
}

/** Answers a write with the feature as stored now, its new ETag and the CRS84 header. */
function featureResponse(
  c: Context<AppEnv>,
  layer: Layer,
  id: number,
  stored: { feature: string; version: number },
  status: 200 | 201,
) {
  c.header('ETag', etagOf(layer, id, stored.version))
  c.header('Cache-Control', 'no-store')
  return c.body(stored.feature, status, {
    'Content-Type': 'application/geo+json',
    'Content-Crs': contentCrs(crs84),
  })
}

function change(layer: Layer, input: FeatureInput, mode: 'replace' | 'merge'): FeatureChange {
  const columns = Object.keys(layer.properties.shape)
  const reset = mode === 'replace' ? columns.filter((name) => !(name in input.set)) : input.nulls
  return { set: input.set, reset, geometry: input.geometry, srid: input.crs.srid }
}

async function replaceOrMerge(c: Context<AppEnv>, mode: 'replace' | 'merge') {
  const layer = layerOf(c.req.param('collectionId') ?? '')
  const id = featureIdOf(c.req.param('featureId') ?? '', layer)
  const { condition, unchecked } = writeCondition(c, layer, id)
  const input = await readFeatureInput(c, layer, mode)
  await checkGeometryValidity(c, input)
  const user = c.get('user') as CurrentUser
  const { sql } = c.get('db')
  const written = await writeAs(
    sql,
    user,
    async (tx) => {
      await assertPlannerMayEdit(tx, user, { layer, id })
      if (input.geometry !== undefined)
        await assertPlannerMayEdit(tx, user, { geometry: input.geometry, srid: input.crs.srid })
      const version = await versionToWrite(tx, layer, id, condition)
      if (version === undefined) return undefined
      const result = await updateFeature(tx, layer, id, version, change(layer, input, mode))
      return result && { result, stored: await readFeature(tx, layer, id, visibleProperties(layer, user)) }
    },
    writeContext(c, unchecked),
  )
  if (!written?.stored) return missedWrite(c, layer, id)
  c.get('events').announce({
    layer,
    featureId: id,
    before: written.result.before,
    after: written.result.after,
  })
  return featureResponse(c, layer, id, written.stored, 200)
}

const items = '/collections/:collectionId/items'
const item = '/collections/:collectionId/items/:featureId'

/** POST, PUT, PATCH and DELETE on layer items (OGC API – Features Part 4). */
export const itemWritesRoutes = new Hono<AppEnv>()
  .post(items, writeGate(false), limitFeatureBody, idempotent(), async (c) => {
    const layer = layerOf(c.req.param('collectionId'))
    const input = await readFeatureInput(c, layer, 'replace')
    await checkGeometryValidity(c, input)
    const user = c.get('user') as CurrentUser
    const { sql } = c.get('db')
    const { result, stored } = await writeAs(
      sql,
      user,
      async (tx) => {
        await assertPlannerMayEdit(tx, user, { geometry: input.geometry, srid: input.crs.srid })
        const result = await upsertFeature(tx, layer, input.set, input.geometry, input.crs.srid, {
          onConflict: 'refuse',
        })
        return { result, stored: await readFeature(tx, layer, result.id, visibleProperties(layer, user)) }
      },
      writeContext(c, false),
    )
    if (!stored) throw new Error(`feature ${result.id} of ${layer.id} vanished after its insert`)
    c.get('events').announce({ layer, featureId: result.id, before: null, after: result.bbox })
    c.header('Location', `${apiBase(c)}/collections/${layer.id}/items/${result.id}`)
    return featureResponse(c, layer, result.id, stored, 201)
  })
  .put(item, writeGate(true), limitFeatureBody, (c) => replaceOrMerge(c, 'replace'))
  .patch(item, writeGate(true), limitFeatureBody, (c) => replaceOrMerge(c, 'merge'))
  .delete(item, writeGate(true), async (c) => {
    const layer = layerOf(c.req.param('collectionId'))
    const id = featureIdOf(c.req.param('featureId'), layer)
    const { condition, unchecked } = writeCondition(c, layer, id)
    const user = c.get('user') as CurrentUser
    const result = await writeAs(
      c.get('db').sql,
      user,
      async (tx) => {
        await assertPlannerMayEdit(tx, user, { layer, id })
        const version = await versionToWrite(tx, layer, id, condition)
        return version === undefined ? undefined : deleteFeature(tx, layer, id, version)
      },
      writeContext(c, unchecked),
    )
    if (!result) return missedWrite(c, layer, id)
    c.get('events').announce({ layer, featureId: id, before: result.before, after: null })
    return c.body(null, 204)
  })

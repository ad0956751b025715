import type { Context } from 'hono'
import { assertPlannerMayEdit } from '../access/planner-scope.ts'
import type { Layer } from '../contract/layers.ts'
import { writeAs } from '../db/write-as.ts'
import { ifMatchOf, versionToWrite } from '../features/if-match.ts'
import { readFeature } from '../features/items.queries.ts'
import { etagOf, featureNotFound } from '../features/layer-of.ts'
import { visibleProperties } from '../features/visible-properties.ts'
import { checkValidity } from '../geometry/geometry-validity.queries.ts'
import type { AppEnv, CurrentUser } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'
import { currentVersion, updateFeature } from '../layers/layer-writes.queries.ts'
import { versionSnapshot } from './history.queries.ts'

// Restoring an earlier version writes it again as a new version, through the same update as
// PUT (version check and write in one statement, history records the author, tiles hear of it):
// nothing in the history is rewritten, and someone else's later change is never lost silently.

/** The writable properties of a stored snapshot, checked against today's schema of the layer. */
function restorableProperties(layer: Layer, snapshot: Record<string, unknown>, version: number) {
  const names = Object.keys(layer.properties.shape).filter((name) => name in snapshot)
  const picked = Object.fromEntries(names.map((name) => [name, snapshot[name]]))
  const parsed = layer.properties.safeParse(picked)
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      field: issue.path.join('.'),
      message: issue.message,
    }))
    throw new Problem(
      422,
      'version-not-restorable',
      'This version breaks the current rules',
      `version ${version} cannot be saved again as it is: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
      { errors },
    )
  }
  // Values the schema leaves out (undefined) but the snapshot held as null are written as null.
  return { ...picked, ...parsed.data }
}

/** POST …/items/{featureId}/history/{version}/restore: writes `version` again as the newest one. */
export async function restoreVersion(c: Context<AppEnv>, layer: Layer, id: number, version: number) {
  const user = c.get('user') as CurrentUser
  const condition = ifMatchOf(c.req.header('if-match'), layer, id)
  const { sql } = c.get('db')
  const snapshot = await versionSnapshot(sql, layer, id, version)
  if (!snapshot) {
    throw new Problem(
      404,
      'version-not-found',
      'No such version',
      `feature ${id} of ${layer.id} has no saved version ${version}`,
    )
  }
  const set = restorableProperties(layer, snapshot, version)
  const geometry = snapshot.geom as Record<string, unknown>
  const { crs: _crs, ...plain } = geometry
  const invalid = await checkValidity(sql, plain)
  if (invalid)
    throw new Problem(422, invalid.reason, 'Invalid geometry', invalid.message, { reason: invalid.reason })
  const written = await writeAs(sql, user, async (tx) => {
    await assertPlannerMayEdit(tx, user, { layer, id })
    await assertPlannerMayEdit(tx, user, { geometry: plain })
    const expected = await versionToWrite(tx, layer, id, condition)
    if (expected === undefined) return undefined
    const result = await updateFeature(tx, layer, id, expected, {
      set,
      reset: [],
      geometry: plain,
      srid: 4326,
    })
    return result && { result, stored: await readFeature(tx, layer, id, visibleProperties(layer, user)) }
  })
  if (!written?.stored) {
    const now = await currentVersion(sql, layer, id)
    if (now === undefined) throw featureNotFound(layer, id)
    throw new Problem(
      412,
      'precondition-failed',
      'The feature has changed',
      `someone changed feature ${id} since you read it (now version ${now}); look at the history again before restoring`,
      {},
      { ETag: etagOf(layer, id, now) },
    )
  }
  c.get('events').announce({
    layer,
    featureId: id,
    before: written.result.before,
    after: written.result.after,
  })
  c.header('ETag', etagOf(layer, id, written.stored.version))
  c.header('Cache-Control', 'no-store')
  return c.body(written.stored.feature, 200, { 'Content-Type': 'application/geo+json' })
}

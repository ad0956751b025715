import type { Context } from 'hono'
import { assertPlannerMayEdit } from '../access/planner-scope.ts'
import type { Layer } from '../contract/layers.ts'
import { writeAs } from '../db/write-as.ts'
import { readFeature } from '../features/items.queries.ts'
import { etagOf } from '../features/layer-of.ts'
import { visibleProperties } from '../features/visible-properties.ts'
import type { AppEnv, CurrentUser } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'
import { currentVersion } from '../layers/layer-writes.queries.ts'
import { lastDeletion, reinsertRow, relinkReferences } from './deleted.queries.ts'

// Bringing a deleted feature back: the row its deletion recorded, under the same id, as the next
// version (a new history entry; an ETag read before the deletion no longer matches), with the
// references the deletion cleared pointing to it again. All in one transaction.

/** POST …/deleted/{featureId}/restore: 201 with the feature and its new ETag. */
export async function restoreDeleted(c: Context<AppEnv>, layer: Layer, id: number) {
  const user = c.get('user') as CurrentUser
  const written = await writeAs(c.get('db').sql, user, async (tx) => {
    if ((await currentVersion(tx, layer, id)) !== undefined) {
      throw new Problem(
        409,
        'feature-exists',
        'The feature exists',
        `feature ${id} of ${layer.id} is not deleted`,
      )
    }
    const deletion = await lastDeletion(tx, layer, id)
    if (!deletion) {
      throw new Problem(
        404,
        'deleted-feature-not-found',
        'No such deleted feature',
        `collection ${layer.id} has no deleted feature ${id}`,
      )
    }
    const { crs: _crs, ...geometry } = deletion.row.geom as Record<string, unknown>
    await assertPlannerMayEdit(tx, user, { geometry })
    const bbox = await reinsertRow(tx, layer, deletion.row, deletion.version + 1)
    const relinked = await relinkReferences(tx, layer, id, deletion)
    const stored = await readFeature(tx, layer, id, visibleProperties(layer, user))
    if (!stored) throw new Error(`restored feature ${id} of ${layer.id} cannot be read`)
    return { bbox, relinked, stored }
  })
  const events = c.get('events')
  events.announce({ layer, featureId: id, before: null, after: written.bbox })
  for (const row of written.relinked) {
    if (row.layer)
      events.announce({ layer: row.layer, featureId: row.rowId, before: row.bbox, after: row.bbox })
  }
  c.header('ETag', etagOf(layer, id, written.stored.version))
  c.header('Cache-Control', 'no-store')
  return c.body(written.stored.feature, 201, { 'Content-Type': 'application/geo+json' })
}

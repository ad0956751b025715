import { Hono } from 'hono'
import { z } from 'zod'
import { requireRoleOf } from '../auth/require-role.ts'
import { featureIdOf, featureNotFound, layerOf, readOnlyCollection } from '../features/layer-of.ts'
import { editorRoles, isEditor, visibleProperties } from '../features/visible-properties.ts'
import type { AppEnv } from '../http/app-types.ts'
import { pathId } from '../http/path-id.ts'
import { Problem } from '../http/problem.ts'
import { listDeleted } from './deleted.queries.ts'
import { endOfDay, featuresAsOf, listVersions } from './history.queries.ts'
import { restoreDeleted } from './restore-deleted.ts'
import { restoreVersion } from './restore-version.ts'

// Every saved version of a feature, restoring one, and a layer as it was on a given day. The
// public sees the public properties of each version; editors also see the other columns and who
// made each change. Editors also list a layer's recently deleted features and bring one back.

const isoDate = z.iso.date()
const isoDateTime = z.iso.datetime({ offset: true })

/** A writable layer and an editor calling: the gate of the editors' history writes and lists. */
function editorsLayer(collectionId: string, user: Parameters<typeof requireRoleOf>[0]) {
  const layer = layerOf(collectionId)
  if (!layer.writable) throw readOnlyCollection(layer, '')
  requireRoleOf(user, editorRoles)
  return layer
}

/** GET/POST under /api: history of a feature, restore, deleted features, and /asof/{collectionId}. */
export const historyRoutes = new Hono<AppEnv>()
  .get('/collections/:collectionId/items/:featureId/history', async (c) => {
    const layer = layerOf(c.req.param('collectionId'))
    const id = featureIdOf(c.req.param('featureId'), layer)
    const user = c.get('user')
    const versions = await listVersions(
      c.get('db').sql,
      layer,
      id,
      visibleProperties(layer, user),
      isEditor(user),
    )
    if (versions.length === 0) throw featureNotFound(layer, id)
    c.header('Cache-Control', isEditor(user) ? 'private, no-store' : 'no-cache')
    return c.json({ collection: layer.id, featureId: id, versions })
  })
  .post('/collections/:collectionId/items/:featureId/history/:version/restore', async (c) => {
    const layer = layerOf(c.req.param('collectionId'))
    if (!layer.writable) {
      throw readOnlyCollection(layer, '')
    }
    requireRoleOf(c.get('user'), editorRoles)
    const id = featureIdOf(c.req.param('featureId'), layer)
    const version = pathId(c.req.param('version'))
    if (version === undefined)
      throw new Problem(
        404,
        'version-not-found',
        'No such version',
        `"${c.req.param('version')}" is not a version number`,
      )
    return restoreVersion(c, layer, id, version)
  })
  .get('/collections/:collectionId/deleted', async (c) => {
    const user = c.get('user')
    const layer = editorsLayer(c.req.param('collectionId'), user)
    const features = await listDeleted(c.get('db').sql, layer, visibleProperties(layer, user))
    c.header('Cache-Control', 'private, no-store')
    return c.json({ collection: layer.id, features })
  })
  .post('/collections/:collectionId/deleted/:featureId/restore', async (c) => {
    const layer = editorsLayer(c.req.param('collectionId'), c.get('user'))
    return restoreDeleted(c, layer, featureIdOf(c.req.param('featureId'), layer))
  })
  .get('/asof/:collectionId', async (c) => {
    const layer = layerOf(c.req.param('collectionId'))
    const { sql } = c.get('db')
    const date = c.req.query('date')
    const at = c.req.query('at')
    let moment: ReturnType<typeof endOfDay>
    if (date !== undefined && isoDate.safeParse(date).success) moment = endOfDay(sql, date)
    else if (at !== undefined && date === undefined && isoDateTime.safeParse(at).success)
      moment = sql`${at}::timestamptz` as unknown as typeof moment
    else {
      throw new Problem(
        400,
        'invalid-parameter',
        'Which day?',
        'give date=YYYY-MM-DD (the layer at the end of that day, Berlin time) or at=an RFC 3339 date-time',
        { parameter: date === undefined ? 'at' : 'date' },
      )
    }
    const features = await featuresAsOf(sql, layer, moment, visibleProperties(layer, c.get('user')))
    c.header('Cache-Control', isEditor(c.get('user')) ? 'private, no-store' : 'no-cache')
    return c.json({ type: 'FeatureCollection', features, ...(date ? { date } : { at }) }, 200, {
      'Content-Type': 'application/geo+json',
    })
  })

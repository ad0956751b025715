import type { Geometry, LineString, MultiPolygon, Polygon } from 'geojson'
import { isProblem, type Problem } from '../api/client.ts'
import { bufferLine } from '../geometry/buffer-line.ts'
import { cutHole } from '../geometry/cut-hole.ts'
import { mergePolygons } from '../geometry/merge-polygons.ts'
import { splitPolygon } from '../geometry/split-polygon.ts'
import type { DrawSession } from '../map/draw/draw-session.ts'
import type { FeatureRef } from '../map/map-view.ts'
import type { LayerId } from '../registry.ts'
import { deleteStored, readStored, saveFeature } from './editing-api.ts'
import { et } from './editing-messages.ts'

// The geometry operations as the planner uses them: the pure functions of ../geometry/ applied
// to what is drawn, saved through the same path as any edit.

/** What is being edited: a collection, and for a stored feature its id and ETag. */
export type Target = { collection: LayerId; id?: number; etag?: string; municipality?: string }

export type ActionContext = {
  session(): DrawSession | undefined
  geometry(): Geometry | undefined
  target(): Target
  /** The form's properties as the API takes them. */
  properties(): Record<string, unknown>
  /** Saves what is drawn with `properties` (default: the form's); true when it was stored. */
  save(properties?: Record<string, unknown>): Promise<boolean>
  /** Starts a new, unsaved feature of `collection` with these form values. */
  startNew(collection: LayerId, values: Record<string, string>): void
  say(text: string): void
  refuse(reason: string, message: string): void
  fail(problem: Problem): void
  /** Calls `pick` with the next feature the planner clicks on the map. */
  pickFeature(pick: (ref: FeatureRef) => void): void
  bufferMetres(): number
}

const isArea = (g: Geometry | undefined): g is Polygon | MultiPolygon =>
  g?.type === 'Polygon' || g?.type === 'MultiPolygon'

/** Split, cut a hole, merge with a neighbour, buffer into a corridor. */
export function makeGeometryActions(ctx: ActionContext) {
  return {
    /** Splits the area along a line the planner draws: the first part replaces it, the others are new. */
    async split() {
      const g = ctx.geometry()
      const session = ctx.session()
      if (!session || !isArea(g)) return ctx.say(et('chooseFeature'))
      ctx.say(et('drawCutLine'))
      const line = (await session.drawHelper('linestring')) as LineString
      const result = splitPolygon(g, line)
      if (!result.ok) return ctx.refuse(result.reason, result.message)
      const [first, ...rest] = result.parts
      if (!first) return
      const { collection, id } = ctx.target()
      if (id === undefined) {
        session.load({ type: 'MultiPolygon', coordinates: result.parts.map((p) => p.coordinates) })
        return ctx.say(et('splitDone'))
      }
      const properties = ctx.properties()
      session.load(first)
      if (!(await ctx.save(properties))) return
      for (const [i, part] of rest.entries()) {
        const name = `${String(properties.name ?? '')} (${i + 2})`
        const created = await saveFeature(collection, undefined, undefined, part, { ...properties, name })
        if (!created.ok) return ctx.fail(created.problem)
      }
      session.refreshTiles()
      ctx.say(et('splitDone'))
    },

    /** Cuts a hole the planner draws out of the area (saved with the next Save). */
    async hole() {
      const g = ctx.geometry()
      const session = ctx.session()
      if (!session || g?.type !== 'Polygon') return ctx.say(et('chooseFeature'))
      ctx.say(et('drawHole'))
      const drawn = (await session.drawHelper('polygon')) as Polygon
      const result = cutHole(g, drawn)
      if (!result.ok) return ctx.refuse(result.reason, result.message)
      session.load(result.polygon)
      ctx.say('')
    },

    /** Merges the area with the neighbour clicked next, saves it and deletes the neighbour. */
    merge() {
      const g = ctx.geometry()
      if (!isArea(g) || ctx.target().id === undefined) return ctx.say(et('chooseFeature'))
      ctx.say(et('clickNeighbour'))
      ctx.pickFeature(async (ref) => {
        if (ref.collection !== ctx.target().collection || Number(ref.id) === ctx.target().id) return
        const neighbour = await readStored(ref.collection, ref.id)
        if (isProblem(neighbour)) return ctx.fail(neighbour)
        const result = mergePolygons([g, neighbour.feature.geometry as Polygon | MultiPolygon])
        if (!result.ok) return ctx.refuse(result.reason, result.message)
        ctx.session()?.load(result.merged)
        if (!(await ctx.save())) return
        const removed = await deleteStored(ref.collection, ref.id, neighbour.etag)
        if (isProblem(removed)) return ctx.fail(removed)
        ctx.session()?.refreshTiles()
      })
    },

    /** Buffers the drawn link into a corridor, a new measure to be saved. */
    buffer() {
      const g = ctx.geometry()
      const session = ctx.session()
      if (!session || (g?.type !== 'LineString' && g?.type !== 'MultiLineString'))
        return ctx.say(et('chooseFeature'))
      const result = bufferLine(g, ctx.bufferMetres())
      if (!result.ok) return ctx.refuse(result.reason, result.message)
      const name = String(ctx.properties().name ?? '')
      ctx.startNew('measures', name ? { name: `Korridor ${name}` } : {})
      session.load(result.corridor)
    },
  }
}

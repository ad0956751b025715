import type { Geometry, Position } from 'geojson'

// Merging my edit with a version someone else saved in between, against the version I started
// from (the base). Per field, and for the geometry as a whole: changed only by them → theirs,
// changed only by me → mine, changed by both to different values → a conflict the planner
// decides. Nothing is overwritten that only one side touched.

export type Version = { geometry: Geometry; properties: Record<string, unknown> }

export type Side = 'theirs' | 'mine'

export type MergeResult = {
  /** The merged version; conflicting fields and a conflicting geometry hold mine until chosen. */
  merged: Version
  /** Fields only they changed (their value kept). */
  fromTheirs: string[]
  /** Fields only I changed (my value kept). */
  fromMine: string[]
  /** Fields both changed to different values. */
  conflicts: string[]
  /** Who changed the geometry: nobody, one side, both the same way, or both differently. */
  geometry: 'unchanged' | 'theirs' | 'mine' | 'same' | 'conflict'
}

/** Empty text, null and a missing property are the same: "no value". */
const normal = (value: unknown): string =>
  value === undefined || value === null || value === '' ? '' : JSON.stringify(value)

/** Coordinates to 7 decimals (about a centimetre), single parts unwrapped from multi geometries. */
function shapeKey(geometry: Geometry): string {
  const round = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(round)
      : typeof value === 'number'
        ? Math.round(value * 1e7) / 1e7
        : value
  if (geometry.type === 'GeometryCollection') return JSON.stringify(geometry.geometries.map(shapeKey))
  const coordinates = geometry.coordinates as Position[][][] | Position[][] | Position[] | Position
  const single =
    geometry.type.startsWith('Multi') && Array.isArray(coordinates) && coordinates.length === 1
      ? coordinates[0]
      : coordinates
  return JSON.stringify(round(single))
}

/** Whether two geometries are the same shape at the stored precision. */
export function sameShape(a: Geometry, b: Geometry): boolean {
  return shapeKey(a) === shapeKey(b)
}

/** Merges `mine` and `theirs`, both edited from `base`, over the properties named in `fields`. */
export function threeWayMerge(
  base: Version,
  theirs: Version,
  mine: Version,
  fields: readonly string[],
): MergeResult {
  const properties: Record<string, unknown> = {}
  const fromTheirs: string[] = []
  const fromMine: string[] = []
  const conflicts: string[] = []
  for (const name of fields) {
    const [b, t, m] = [base, theirs, mine].map((v) => normal(v.properties[name]))
    const take = (side: Version) => {
      const value = side.properties[name]
      if (normal(value) !== '') properties[name] = value
    }
    if (t === m) take(mine)
    else if (m === b) {
      take(theirs)
      fromTheirs.push(name)
    } else if (t === b) {
      take(mine)
      fromMine.push(name)
    } else {
      take(mine)
      conflicts.push(name)
    }
  }
  const theirShape = !sameShape(base.geometry, theirs.geometry)
  const myShape = !sameShape(base.geometry, mine.geometry)
  const geometry = !theirShape
    ? myShape
      ? 'mine'
      : 'unchanged'
    : !myShape
      ? 'theirs'
      : sameShape(theirs.geometry, mine.geometry)
        ? 'same'
        : 'conflict'
  return {
    merged: { geometry: geometry === 'theirs' ? theirs.geometry : mine.geometry, properties },
    fromTheirs,
    fromMine,
    conflicts,
    geometry,
  }
}

/** The merge with the planner's choices applied: per conflicting field, and for the geometry. */
export function resolve(
  result: MergeResult,
  theirs: Version,
  choices: Record<string, Side>,
  geometry: Side = 'mine',
): Version {
  const properties = { ...result.merged.properties }
  for (const name of result.conflicts) {
    if (choices[name] !== 'theirs') continue
    const value = theirs.properties[name]
    if (normal(value) === '') delete properties[name]
    else properties[name] = value
  }
  const shape =
    result.geometry === 'conflict' && geometry === 'theirs' ? theirs.geometry : result.merged.geometry
  return { geometry: shape, properties }
}

/** Whether the merge needs the planner: a field or the geometry changed by both, differently. */
export const needsChoice = (result: MergeResult): boolean =>
  result.conflicts.length > 0 || result.geometry === 'conflict'

import type { Layer } from '../contract/layers.ts'
import { identifiers, type Queries } from '../db/sql-client.ts'
import type { TileColumn } from './tile-columns.queries.ts'
import { buffer, extent, margin, type Tile, tileAffine, tileWidth } from './tile-coordinates.ts'

// The SQL of a tile, shared by both encoders. Each layer's statement text depends only on the
// layer (identifiers from the registry), so postgres.js prepares it once per connection; the
// tile and the zoom rules are parameters. Rows are filtered in WGS 84 by the GiST index against
// the buffered tile envelope, below the layer's `fullFrom` zoom by its rules, then cut to the tile.

export type Fragment = ReturnType<Queries['unsafe']>

/** A layer's part of a tile: the layer, its public columns, and the tile. */
export type LayerTile = { layer: Layer; columns: readonly TileColumn[]; tile: Tile }

// Tile units per screen pixel of a 256-pixel tile.
const unitsPerPixel = extent / 256

/** `parts` joined by commas. */
export function list(sql: Queries, parts: readonly Fragment[]): Fragment {
  return parts.reduce((all, part) => sql`${all}, ${part}` as unknown as Fragment)
}

/** The id and the tile columns, as identifiers. */
export function names(sql: Queries, columns: readonly TileColumn[]): Fragment {
  return identifiers(sql, ['id', ...columns.map((column) => column.name)]) as unknown as Fragment
}

/** Whether the layer has tiles at this zoom. */
export function shownAt(layer: Layer, z: number): boolean {
  return z >= layer.tiles.minZoom
}

// EPSG:3857 metres per degree of longitude, and its sphere's radius (for the y of a latitude).
const metresPerDegree = 111319.49079327357
const radius = 6378137

/**
 * The rows of a layer in the buffered tile, found by the GiST index, with the geometry in
 * EPSG:3857 as `g`. From the layer's `fullFrom` zoom on that is all: the statement is then the
 * plain ST_AsMVT(ST_AsMVTGeom(ST_Transform(…))) of a tile server without rules. Below it the size
 * threshold and the cap choose the rows before any transformation, from each row's envelope in
 * degrees: Web Mercator's x depends only on the longitude and its y only on the latitude, both
 * monotonically, so the envelope's width and height in EPSG:3857 follow exactly from its corners.
 */
export function candidates(sql: Queries, { layer, columns, tile }: LayerTile): Fragment {
  const rules = layer.tiles
  // The id first, so that a layer whose tiles carry no property (buildings) still has a list.
  const values = [
    sql`id` as unknown as Fragment,
    ...columns.map((column) => {
      const name = identifiers(sql, column.name)
      return (column.cast ? sql`${name}::${sql.unsafe(column.cast)} as ${name}` : name) as unknown as Fragment
    }),
  ]
  const table = identifiers(sql, layer.table)
  const inTile = sql`geom && st_transform(st_tileenvelope(${tile.z}::int, ${tile.x}::int, ${tile.y}::int,
                                                          margin => ${margin}::float8), 4326)`
  if (tile.z >= rules.fullFrom) {
    return sql`select ${list(sql, values)}, st_transform(geom, 3857) as g
                 from ${table} where ${inTile}` as unknown as Fragment
  }
  const minSize = rules.minPixels * unitsPerPixel * (tileWidth(tile.z) / extent)
  const y = (latitude: Fragment) => sql`ln(tan(pi() / 4 + radians(${latitude}) / 2))` as unknown as Fragment
  const names = list(sql, [
    sql`id` as unknown as Fragment,
    ...columns.map((column) => identifiers(sql, column.name) as unknown as Fragment),
  ])
  return sql`
    select ${names}, st_transform(geom, 3857) as g from (
      select ${names}, geom from (
        select ${names}, geom,
               greatest((st_xmax(b) - st_xmin(b)) * ${metresPerDegree}::float8,
                        (${y(sql`st_ymax(b)` as unknown as Fragment)} - ${y(sql`st_ymin(b)` as unknown as Fragment)}) * ${radius}::float8) as size
          from (select ${list(sql, values)}, geom, box2d(geom) as b from ${table} where ${inTile}) as boxed
      ) as sized
      where size >= ${minSize}::float8
      order by size desc, id
      limit ${rules.maxFeatures}::int
    ) as kept` as unknown as Fragment
}

/** `g` simplified by the layer's tolerance in pixels below its `fullFrom` zoom, as it is from there on. */
function simplified(sql: Queries, { layer, tile }: LayerTile): Fragment {
  const rules = layer.tiles
  if (tile.z >= rules.fullFrom) return sql`g` as unknown as Fragment
  const tolerance = rules.simplify * unitsPerPixel * (tileWidth(tile.z) / extent)
  return sql`st_simplify(g, ${tolerance}::float8, true)` as unknown as Fragment
}

/** PostGIS with protobuf: the layer's MVT bytes from one ST_AsMVT(ST_AsMVTGeom(…)) statement. */
export function postgisLayer(sql: Queries, part: LayerTile): Fragment {
  const { z, x, y } = part.tile
  return sql`
    select coalesce(st_asmvt(t, ${part.layer.id}::text, ${extent}::int, 'geom', 'id'), '') from (
      select ${names(sql, part.columns)},
             st_asmvtgeom(${simplified(sql, part)}, st_tileenvelope(${z}::int, ${x}::int, ${y}::int),
                          ${extent}::int, ${buffer}::int, true) as geom
        from (${candidates(sql, part)}) as candidates
    ) as t where geom is not null` as unknown as Fragment
}

/** The tile columns as one JSON object (name → value), as the JS encoder reads properties. */
export function propertiesObject(sql: Queries, columns: readonly TileColumn[]): Fragment {
  const pairs = columns.map(
    (column) => sql`${column.name}::text, ${identifiers(sql, column.name)}` as unknown as Fragment,
  )
  return sql`json_build_object(${pairs.length ? list(sql, pairs) : sql``})` as unknown as Fragment
}

/**
 * Without ST_AsMVT: the same rows with their geometry cut, mapped and snapped to tile units in
 * SQL, as ST_AsMVTGeom does: clip to the buffered tile, map to 0…4096 with y down, snap to the
 * integer grid, repair what snapping broke, and wind exterior rings as MVT wants (positive area
 * in tile coordinates, which PostGIS calls counter-clockwise). JS only writes the protobuf.
 */
export function tileSpaceRows(sql: Queries, part: LayerTile): Fragment {
  const { z, x, y } = part.tile
  const { scale, xoff, yoff } = tileAffine(part.tile)
  return sql`
    select ${part.layer.id}::text as layer, id, ${propertiesObject(sql, part.columns)} as properties,
           st_asgeojson(geom, 0) as geometry
      from (
        select ${list(sql, [
          sql`id` as unknown as Fragment,
          ...part.columns.map((c) => identifiers(sql, c.name) as unknown as Fragment),
        ])},
               case st_dimension(s)
                 when 2 then st_forcepolygonccw(st_collectionextract(st_makevalid(s), 3))
                 when 1 then st_collectionextract(st_makevalid(st_removerepeatedpoints(s)), 2)
                 else s
               end as geom
          from (
            select *, st_snaptogrid(st_affine(
                        st_clipbybox2d(${simplified(sql, part)},
                                       st_tileenvelope(${z}::int, ${x}::int, ${y}::int, margin => ${margin}::float8)),
                        ${scale}::float8, 0, 0, ${-scale}::float8, ${xoff}::float8, ${yoff}::float8), 1) as s
              from (${candidates(sql, part)}) as candidates
          ) as snapped
      ) as shaped
     where not st_isempty(geom)` as unknown as Fragment
}

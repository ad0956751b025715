import type { Layer } from '../contract/layers.ts'
import { identifiers, type Queries } from '../db/sql-client.ts'
import type { TileColumn } from './tile-columns.queries.ts'
import { buffer, extent, margin, type Tile, tileAffine, tileWidth } from './tile-coordinates.ts'

// The SQL of a tile, shared by both encoders. Each layer's statement text depends only on the
// layer (identifiers from the registry), so postgres.js prepares it once per connection; the
// tile and the zoom rules are parameters. Rows are filtered in WGS 84 by the GiST index against
// the buffered tile envelope, then by the layer's zoom rules, then cut to the tile.

type Fragment = ReturnType<Queries['unsafe']>

/** A layer's part of a tile: the layer, its public columns, and the tile. */
export type LayerTile = { layer: Layer; columns: readonly TileColumn[]; tile: Tile }

// Tile units per screen pixel of a 256-pixel tile.
const unitsPerPixel = extent / 256

function list(sql: Queries, parts: readonly Fragment[]): Fragment {
  return parts.reduce((all, part) => sql`${all}, ${part}` as unknown as Fragment)
}

function names(sql: Queries, columns: readonly TileColumn[]): Fragment {
  return identifiers(sql, ['id', ...columns.map((column) => column.name)]) as unknown as Fragment
}

/** Whether the layer has tiles at this zoom. */
export function shownAt(layer: Layer, z: number): boolean {
  return z >= layer.tiles.minZoom
}

/** The rows of a layer in the buffered tile, in EPSG:3857 as `g`, after the zoom rules (size, count). */
function candidates(sql: Queries, { layer, columns, tile }: LayerTile): Fragment {
  const rules = layer.tiles
  const minSize = rules.minPixels * unitsPerPixel * (tileWidth(tile.z) / extent)
  const values = columns.map((column) => {
    const name = identifiers(sql, column.name)
    return (column.cast ? sql`${name}::${sql.unsafe(column.cast)} as ${name}` : name) as unknown as Fragment
  })
  return sql`
    select * from (
      select id, ${list(sql, values)}, st_transform(geom, 3857) as g
        from ${identifiers(sql, layer.table)}
       where geom && st_transform(st_tileenvelope(${tile.z}::int, ${tile.x}::int, ${tile.y}::int,
                                                  margin => ${margin}::float8), 4326)
    ) as c
    where st_xmax(g) - st_xmin(g) >= ${minSize}::float8 or st_ymax(g) - st_ymin(g) >= ${minSize}::float8
    order by greatest(st_xmax(g) - st_xmin(g), st_ymax(g) - st_ymin(g)) desc, id
    limit ${rules.maxFeatures}::int` as unknown as Fragment
}

/** Simplification of `g` by the layer's tolerance in pixels, none from its max zoom on. */
function simplified(sql: Queries, { layer, tile }: LayerTile): Fragment {
  const rules = layer.tiles
  const tolerance = tile.z < rules.maxZoom ? rules.simplify * unitsPerPixel * (tileWidth(tile.z) / extent) : 0
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

/**
 * Without ST_AsMVT: the same rows with their geometry cut, mapped and snapped to tile units in
 * SQL, as ST_AsMVTGeom does: clip to the buffered tile, map to 0…4096 with y down, snap to the
 * integer grid, repair what snapping broke, and wind exterior rings as MVT wants (positive area
 * in tile coordinates, which PostGIS calls counter-clockwise). JS only writes the protobuf.
 */
export function tileSpaceRows(sql: Queries, part: LayerTile): Fragment {
  const { z, x, y } = part.tile
  const { scale, xoff, yoff } = tileAffine(part.tile)
  const properties = list(
    sql,
    part.columns.map(
      (column) => sql`${column.name}::text, ${identifiers(sql, column.name)}` as unknown as Fragment,
    ),
  )
  return sql`
    select ${part.layer.id}::text as layer, id, json_build_object(${properties}) as properties,
           st_asgeojson(geom, 0) as geometry
      from (
        select id, ${list(
          sql,
          part.columns.map((c) => identifiers(sql, c.name) as unknown as Fragment),
        )},
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

import type { HeaderMeta } from 'flatgeobuf'
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js'
import { recognised, sridOfWkt } from '../source-crs.ts'
import { firstPosition, type Source, type SourceFeature, SourceRefusal } from './source.ts'

// FlatGeobuf, read with the project's own library: the header first (columns, CRS), then the
// features one at a time.

/** Reads the FlatGeobuf `bytes`. */
export async function readFlatGeobuf(bytes: Uint8Array, name: string): Promise<Source> {
  let header: HeaderMeta | undefined
  const first = deserialize(bytes, { headerMetaFn: (meta) => (header = meta) })
  let peeked: IteratorResult<unknown>
  try {
    peeked = await first.next()
  } catch (error) {
    throw new SourceRefusal(`${name} is not a readable FlatGeobuf: ${(error as Error).message}`)
  }
  if (!header) throw new SourceRefusal(`${name} is not a readable FlatGeobuf`)
  const meta: HeaderMeta = header
  const where = `the FlatGeobuf header of ${name}`
  const srid = !meta.crs
    ? undefined
    : (meta.crs.org ?? 'EPSG').toUpperCase() === 'EPSG' && meta.crs.code > 0
      ? recognised(meta.crs.code, where)
      : meta.crs.wkt
        ? sridOfWkt(meta.crs.wkt, where)
        : undefined
  return {
    format: 'flatgeobuf',
    layers: [name],
    layer: name,
    fields: (meta.columns ?? []).map((column) => column.name),
    srid,
    async *features(): AsyncIterable<SourceFeature> {
      let next = peeked
      while (!next.done) {
        const feature = next.value as { properties?: Record<string, unknown>; geometry?: unknown }
        const geometry = feature.geometry ?? null
        yield {
          properties: feature.properties ?? {},
          geometry: geometry === null ? null : { geojson: geometry },
          position: firstPosition(geometry),
        }
        next = await first.next()
      }
    },
  }
}

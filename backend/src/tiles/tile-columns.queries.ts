import { type Layer, layers } from '../contract/layers.ts'
import { tileProperties } from '../contract/tile-properties.ts'
import type { Queries, Sql } from '../db/sql-client.ts'

// MVT values are strings, numbers or booleans. ST_AsMVT writes any other column type (numeric,
// date, char) as its text output, so each tile property (contract/tile-properties.ts) gets one
// cast that both encoders share: numbers as float8, dates and codes as ISO text. The types come
// from the catalogue, read once per app (createApp builds the reader).

export type FieldType = 'Number' | 'String' | 'Boolean'
export type TileColumn = { name: string; type: FieldType; cast: 'float8' | 'text' | null }

/** The public properties of every layer (by layer id) with their MVT type. */
export type TileColumns = Map<string, TileColumn[]>

/** Reads the tile columns of every layer from the catalogue. */
export const readTileColumns = (sql: Queries): Promise<TileColumns> => readColumns(sql, layers)

/** Reads the tile columns on first use and keeps them; `forget` reads them again next time. */
export type TileColumnsReader = (() => Promise<TileColumns>) & { forget(): void }

/** The tile columns, read on first use and kept (read again after a failed read or forget()). */
export function tileColumnsReader(sql: Sql): TileColumnsReader {
  let columns: Promise<TileColumns> | undefined
  const read = () => {
    if (!columns) {
      const reading = readTileColumns(sql)
      columns = reading
      reading.catch(() => {
        if (columns === reading) columns = undefined
      })
    }
    return columns
  }
  return Object.assign(read, {
    forget: () => {
      columns = undefined
    },
  })
}

async function readColumns(sql: Queries, registry: readonly Layer[]): Promise<TileColumns> {
  const rows = await sql<{ relation: string; name: string; type: string }[]>`
    select c.relname as relation, a.attname as name, format_type(a.atttypid, null) as type
      from pg_attribute a join pg_class c on c.oid = a.attrelid
     where c.relname in ${sql(registry.map((layer) => layer.table))}
       and c.relnamespace = to_regnamespace(current_schema())
       and a.attnum > 0 and not a.attisdropped`
  const result: TileColumns = new Map()
  for (const layer of registry) {
    const types = new Map(
      rows.filter((row) => row.relation === layer.table).map((row) => [row.name, row.type]),
    )
    result.set(
      layer.id,
      tilePropertiesOf(layer).map((name) => {
        const type = types.get(name)
        if (!type) throw new Error(`${layer.table} has no column ${name} (layer registry)`)
        return column(name, type)
      }),
    )
  }
  return result
}

/** The properties a layer's tiles carry (contract/tile-properties.ts). */
export function tilePropertiesOf(layer: Layer): readonly string[] {
  return (tileProperties as Record<string, readonly string[]>)[layer.id] ?? []
}

function column(name: string, type: string): TileColumn {
  if (type === 'boolean') return { name, type: 'Boolean', cast: null }
  if (['integer', 'bigint', 'smallint'].includes(type)) return { name, type: 'Number', cast: null }
  if (['numeric', 'real', 'double precision'].includes(type)) return { name, type: 'Number', cast: 'float8' }
  return { name, type: 'String', cast: 'text' }
}

import Pbf from 'pbf'
import { extent } from './tile-coordinates.ts'

// Mapbox Vector Tile 2.1 encoder for the embedded database, which has no ST_AsMVT. Geometry
// arrives already clipped, snapped to integers in 0…4096 (y down) and wound as the spec wants,
// so this only writes the protobuf: commands, key and value tables. Written on `pbf` (the
// protobuf library MapLibre itself reads tiles with) rather than vt-pbf, which expects
// geojson-vt's internal format and pins older pbf and vector-tile majors.

type Position = number[]
export type TileGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint' | 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString' | 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }

export type MvtValue = string | number | boolean | null
export type MvtFeature = { id: number; properties: Record<string, MvtValue>; geometry: TileGeometry }
export type MvtLayer = { name: string; features: MvtFeature[] }

const moveTo = 1
const lineTo = 2
const closePath = 7
const command = (id: number, count: number) => (id & 7) | (count << 3)
const zigzag = (n: number) => (n << 1) ^ (n >> 31)

/** Encodes layers of tile-space features as one MVT; layers without features are left out. */
export function encodeMvt(layers: readonly MvtLayer[]): Uint8Array {
  const pbf = new Pbf()
  for (const layer of layers) if (layer.features.length > 0) pbf.writeMessage(3, writeLayer, layer)
  return pbf.finish()
}

function writeLayer(layer: MvtLayer, pbf: Pbf): void {
  const keys = new Map<string, number>()
  const values = new Map<string, { index: number; value: string | number | boolean }>()
  pbf.writeStringField(1, layer.name)
  for (const feature of layer.features) {
    const tags: number[] = []
    for (const [key, value] of Object.entries(feature.properties)) {
      if (value === null || value === undefined) continue
      const valueKey = `${typeof value}:${value}`
      if (!keys.has(key)) keys.set(key, keys.size)
      if (!values.has(valueKey)) values.set(valueKey, { index: values.size, value })
      tags.push(keys.get(key) ?? 0, values.get(valueKey)?.index ?? 0)
    }
    const [type, geometry] = commands(feature.geometry)
    pbf.writeMessage(2, writeFeature, { id: feature.id, tags, type, geometry })
  }
  for (const key of keys.keys()) pbf.writeStringField(3, key)
  for (const { value } of values.values()) pbf.writeMessage(4, writeValue, value)
  pbf.writeVarintField(5, extent)
  // Fields in tag order, as ST_AsMVT writes them: GDAL recognises a tile by its name field first.
  pbf.writeVarintField(15, 2)
}

type EncodedFeature = { id: number; tags: number[]; type: number; geometry: number[] }

function writeFeature(feature: EncodedFeature, pbf: Pbf): void {
  pbf.writeVarintField(1, feature.id)
  pbf.writePackedVarint(2, feature.tags)
  pbf.writeVarintField(3, feature.type)
  pbf.writePackedVarint(4, feature.geometry)
}

function writeValue(value: string | number | boolean, pbf: Pbf): void {
  if (typeof value === 'string') pbf.writeStringField(1, value)
  else if (typeof value === 'boolean') pbf.writeBooleanField(7, value)
  else if (!Number.isInteger(value)) pbf.writeDoubleField(3, value)
  else if (value >= 0) pbf.writeVarintField(5, value)
  else pbf.writeSVarintField(6, value)
}

/** The MVT geometry type and command stream of a tile-space GeoJSON geometry. */
function commands(geometry: TileGeometry): [type: number, commands: number[]] {
  const out: number[] = []
  let cx = 0
  let cy = 0
  const points = (positions: Position[]) => {
    for (const [x = 0, y = 0] of positions) {
      out.push(zigzag(x - cx), zigzag(y - cy))
      cx = x
      cy = y
    }
  }
  const path = (positions: Position[], closed: boolean) => {
    const line = closed ? positions.slice(0, -1) : positions
    if (line.length < (closed ? 3 : 2)) return
    out.push(command(moveTo, 1))
    points(line.slice(0, 1))
    out.push(command(lineTo, line.length - 1))
    points(line.slice(1))
    if (closed) out.push(command(closePath, 1))
  }
  switch (geometry.type) {
    case 'Point':
      out.push(command(moveTo, 1))
      points([geometry.coordinates])
      return [1, out]
    case 'MultiPoint':
      out.push(command(moveTo, geometry.coordinates.length))
      points(geometry.coordinates)
      return [1, out]
    case 'LineString':
      path(geometry.coordinates, false)
      return [2, out]
    case 'MultiLineString':
      for (const line of geometry.coordinates) path(line, false)
      return [2, out]
    case 'Polygon':
      for (const ring of geometry.coordinates) path(ring, true)
      return [3, out]
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates) for (const ring of polygon) path(ring, true)
      return [3, out]
  }
}

import { bboxPolygon, booleanPointInPolygon } from '@turf/turf'
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson'
import { itemsResponse } from '../../../backend/src/contract/map.schema.ts'
import { getJson } from '../api/client.ts'

// The land an owner most likely means by an address, as a start they then correct: an owner
// offers a plot (Grundstück), and the open data hold no cadastral parcels. So, in this order:
// 1. one of our plots at the address: picked as the plot, as "pick a plot on the map" does, so
//    that the planner sees the offer on the plot they already know;
// 2. the reference building at the address (its OSM outline), as an outline to correct: the
//    closest shape the open data give of a property, and what Masterportal and Placemark users
//    get when they start from a found object rather than from a bare marker;
// 3. otherwise a 20 m square around the address point, to be redrawn: an interpolated address
//    or one without a building has no outline to start from.

export type LandAtAddress =
  | { kind: 'plot'; id: number; name: string }
  | { kind: 'building' | 'square'; geometry: Polygon | MultiPolygon }

// About 10 m around the point, in degrees of latitude (and of longitude at Leipzig's latitude).
const near = 0.0001
const squareHalfMetres = 10

function isArea(geometry: { type: string } | null): geometry is Polygon | MultiPolygon {
  return geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon'
}

/** The features of `collection` whose area contains `point`, from the items of a small box around it. */
async function containing(collection: 'plots' | 'buildings', [lon, lat]: Position) {
  const query = new URLSearchParams({
    bbox: [(lon ?? 0) - near, (lat ?? 0) - near, (lon ?? 0) + near, (lat ?? 0) + near].join(','),
    limit: '50',
  })
  const { features } = await getJson(`/api/collections/${collection}/items?${query}`, itemsResponse)
  return features.flatMap((feature) => {
    const geometry = feature.geometry as Geometry | null
    if (!geometry || !isArea(geometry) || !booleanPointInPolygon([lon ?? 0, lat ?? 0], geometry)) return []
    return [{ id: Number(feature.id), name: String(feature.properties?.name ?? feature.id), geometry }]
  })
}

/** A square of 2 × `squareHalfMetres` on a side around `point`. */
function squareAround([lon = 0, lat = 0]: Position): Polygon {
  const dLat = squareHalfMetres / 111_320
  const dLon = dLat / Math.cos((lat * Math.PI) / 180)
  return bboxPolygon([lon - dLon, lat - dLat, lon + dLon, lat + dLat]).geometry
}

/** The land to start an offer from at the address point `center` (lon, lat). */
export async function landAtAddress(center: Position): Promise<LandAtAddress> {
  const [plot] = await containing('plots', center)
  if (plot) return { kind: 'plot', id: plot.id, name: plot.name }
  const [building] = await containing('buildings', center)
  if (building) return { kind: 'building', geometry: building.geometry }
  return { kind: 'square', geometry: squareAround(center) }
}

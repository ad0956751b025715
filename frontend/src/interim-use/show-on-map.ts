import { bbox } from '@turf/turf'
import type { Geometry } from 'geojson'
import type { BBox, Inset, MapHandle } from '../map/map-view.ts'

/** Outlines `geometry` (an offer in no tile) and fits the map to it, clear of the sheet holding `from`. */
export function showOnMap(map: MapHandle, geometry: Geometry, from: Element): void {
  map.showOutline(geometry)
  const [west, south, east, north] = bbox(geometry)
  map.fitBounds([west, south, east, north] as BBox, insetOf(from.closest('.interim-workspace')))
}

// The workspace covers the bottom of a phone's map and one side of a wider one.
function insetOf(sheet: Element | null): Partial<Inset> {
  if (!sheet) return {}
  const rect = sheet.getBoundingClientRect()
  if (rect.width > window.innerWidth * 0.8)
    return { bottom: Math.max(60, window.innerHeight - rect.top + 20) }
  return rect.left > window.innerWidth / 2
    ? { right: window.innerWidth - rect.left + 20 }
    : { left: rect.right + 20 }
}

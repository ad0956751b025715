/**
 * The same GeoJSON geometry with x and y swapped in every position: EPSG:4326 sends latitude
 * first, GeoJSON and storage take longitude first. Pure; the input is not changed.
 */
export function swapAxes(geometry: unknown): unknown {
  const swap = (value: unknown): unknown => {
    if (!Array.isArray(value)) return value
    if (value.length >= 2 && typeof value[0] === 'number') return [value[1], value[0], ...value.slice(2)]
    return value.map(swap)
  }
  if (typeof geometry !== 'object' || geometry === null) return geometry
  const { coordinates } = geometry as { coordinates?: unknown }
  return { ...geometry, coordinates: swap(coordinates) }
}

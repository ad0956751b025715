import type { LineString, Polygon } from 'geojson'

// Frozen fixtures for the geometry operations: any edit that mutates its input throws.

/** Freezes a value and everything inside it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

/** A plot of about 7,000 m² in Leipzig-Lindenau (Josephstraße), counter-clockwise. */
export const lindenauPlot: Polygon = deepFreeze({
  type: 'Polygon',
  coordinates: [
    [
      [12.334, 51.3355],
      [12.3355, 51.3355],
      [12.3355, 51.3361],
      [12.3347, 51.3363],
      [12.334, 51.3361],
      [12.334, 51.3355],
    ],
  ],
})

/** Its eastern neighbour, sharing the edge at longitude 12.3355. */
export const eastNeighbour: Polygon = deepFreeze({
  type: 'Polygon',
  coordinates: [
    [
      [12.3355, 51.3355],
      [12.3362, 51.3355],
      [12.3362, 51.3361],
      [12.3355, 51.3361],
      [12.3355, 51.3355],
    ],
  ],
})

/** A plot apart from both, in Grünau. */
export const gruenauPlot: Polygon = deepFreeze({
  type: 'Polygon',
  coordinates: [
    [
      [12.283, 51.315],
      [12.284, 51.315],
      [12.284, 51.3156],
      [12.283, 51.315],
    ],
  ],
})

/** A north–south line across the Lindenau plot, reaching beyond it on both sides. */
export const cutAcross: LineString = deepFreeze({
  type: 'LineString',
  coordinates: [
    [12.3348, 51.335],
    [12.3346, 51.3358],
    [12.3349, 51.3368],
  ],
})

/** A bow-tie: its edges cross at the middle. */
export const bowTie: Polygon = deepFreeze({
  type: 'Polygon',
  coordinates: [
    [
      [12.334, 51.3355],
      [12.335, 51.3361],
      [12.335, 51.3355],
      [12.334, 51.3361],
      [12.334, 51.3355],
    ],
  ],
})

/** A foot link of about 240 m along Karl-Heine-Straße. */
export const link: LineString = deepFreeze({
  type: 'LineString',
  coordinates: [
    [12.33, 51.333],
    [12.333, 51.3332],
    [12.3334, 51.3335],
  ],
})

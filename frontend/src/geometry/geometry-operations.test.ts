import { describe, expect, it } from 'vitest'
import { bufferLine } from './buffer-line.ts'
import { cutHole } from './cut-hole.ts'
import { bowTie, cutAcross, eastNeighbour, gruenauPlot, lindenauPlot, link } from './fixtures.testing.ts'
import { measure } from './measure.ts'
import { mergePolygons } from './merge-polygons.ts'
import { splitPolygon } from './split-polygon.ts'
import { validateGeometry } from './validate.ts'

const area = (g: Parameters<typeof measure>[0]) => measure(g, 25833).areaM2

describe('split a plot along a line', () => {
  it('gives two parts that add up to the plot', () => {
    const result = splitPolygon(lindenauPlot, cutAcross)
    if (!result.ok) throw new Error(result.message)
    expect(result.parts).toHaveLength(2)
    const sum = result.parts.reduce((total, part) => total + area(part), 0)
    expect(Math.abs(sum - area(lindenauPlot)) / area(lindenauPlot)).toBeLessThan(1e-5)
    for (const part of result.parts) {
      expect(area(part)).toBeGreaterThan(1000)
      expect(validateGeometry(part, 'MultiPolygon').valid).toBe(true)
    }
  })

  it('keeps a hole in the part it falls in', () => {
    const hole = cutHole(lindenauPlot, square(12.3351, 51.3357, 0.0002))
    if (!hole.ok) throw new Error(hole.message)
    const result = splitPolygon(hole.polygon, cutAcross)
    if (!result.ok) throw new Error(result.message)
    expect(result.parts.map((p) => p.coordinates.length).sort()).toEqual([1, 2])
    const sum = result.parts.reduce((total, part) => total + area(part), 0)
    expect(Math.abs(sum - area(hole.polygon)) / area(hole.polygon)).toBeLessThan(1e-5)
  })

  it('refuses a line that does not cross the plot', () => {
    const outside = {
      type: 'LineString' as const,
      coordinates: [
        [12.3, 51.3],
        [12.31, 51.31],
      ],
    }
    expect(splitPolygon(lindenauPlot, outside)).toMatchObject({ ok: false, reason: 'line-does-not-cross' })
  })
})

describe('merge adjacent plots', () => {
  it('merges neighbours sharing an edge into one polygon of their summed area', () => {
    const result = mergePolygons([lindenauPlot, eastNeighbour])
    if (!result.ok) throw new Error(result.message)
    expect(area(result.merged)).toBeCloseTo(area(lindenauPlot) + area(eastNeighbour), 0)
    expect(result.merged.coordinates).toHaveLength(1)
  })

  it('refuses plots that lie apart', () => {
    expect(mergePolygons([lindenauPlot, gruenauPlot])).toMatchObject({ ok: false, reason: 'not-adjacent' })
  })
})

describe('cut a hole', () => {
  it('removes the hole from the area', () => {
    const inner = square(12.3345, 51.3357, 0.0002)
    const result = cutHole(lindenauPlot, inner)
    if (!result.ok) throw new Error(result.message)
    expect(result.polygon.coordinates).toHaveLength(2)
    expect(area(result.polygon)).toBeCloseTo(area(lindenauPlot) - area(inner), 0)
  })

  it('refuses a hole crossing the edge', () => {
    expect(cutHole(lindenauPlot, square(12.3339, 51.3357, 0.0003))).toMatchObject({
      ok: false,
      reason: 'hole-outside-shell',
    })
  })
})

describe('buffer a link into a corridor', () => {
  it('is about twice the distance wide along the whole link', () => {
    const result = bufferLine(link, 5)
    if (!result.ok) throw new Error(result.message)
    const length = measure(link, 25833).lengthM
    const expected = length * 10 + Math.PI * 25
    expect(Math.abs(area(result.corridor) - expected) / expected).toBeLessThan(0.01)
  })

  it('refuses a distance that is not positive', () => {
    expect(bufferLine(link, 0)).toMatchObject({ ok: false })
  })
})

describe('validation while drawing', () => {
  it('names the crossing of a bow-tie and where it is', () => {
    const result = validateGeometry(bowTie, 'MultiPolygon')
    expect(result).toMatchObject({ valid: false, reason: 'self-intersection' })
    expect(result.location?.[0]).toBeCloseTo(12.3345, 6)
    expect(result.location?.[1]).toBeCloseTo(51.3358, 6)
  })

  it("uses the server's reason for too few positions", () => {
    const triangleOpen = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [12.334, 51.3355],
          [12.335, 51.3355],
          [12.334, 51.3355],
        ],
      ],
    }
    expect(validateGeometry(triangleOpen, 'MultiPolygon')).toMatchObject({
      valid: false,
      reason: 'ring-too-few-positions',
    })
  })

  it('finds a hole outside its shell', () => {
    const outer = lindenauPlot.coordinates[0] ?? []
    const away = square(12.34, 51.34, 0.0002).coordinates[0] ?? []
    const result = validateGeometry({ type: 'Polygon', coordinates: [outer, away] }, 'MultiPolygon')
    expect(result).toMatchObject({ valid: false, reason: 'hole-outside-shell' })
  })

  it('refuses a line where a polygon is expected', () => {
    expect(validateGeometry(link, 'MultiPolygon')).toMatchObject({
      valid: false,
      reason: 'wrong-geometry-type',
    })
  })

  it('accepts a plain plot', () => {
    expect(validateGeometry(lindenauPlot, 'MultiPolygon')).toEqual({ valid: true })
  })
})

function square(west: number, south: number, size: number) {
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [west, south],
        [west + size, south],
        [west + size, south + size * 0.6],
        [west, south + size * 0.6],
        [west, south],
      ],
    ],
  }
}

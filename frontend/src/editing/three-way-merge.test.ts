import type { Geometry } from 'geojson'
import { describe, expect, it } from 'vitest'
import { needsChoice, resolve, sameShape, threeWayMerge, type Version } from './three-way-merge.ts'

const square = (west: number): Geometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, 51.336],
      [west + 0.001, 51.336],
      [west + 0.001, 51.337],
      [west, 51.337],
      [west, 51.336],
    ],
  ],
})
const fields = ['name', 'previous_use', 'description', 'area_hint']
const base: Version = {
  geometry: square(12.33),
  properties: { name: 'Baulücke Lützner Straße', previous_use: 'Wohnhaus', description: 'alt' },
}
const edit = (geometry: Geometry, changes: Record<string, unknown>): Version => ({
  geometry,
  properties: { ...base.properties, ...changes },
})

describe('three-way merge of a feature', () => {
  it('keeps the field only they changed and the field only I changed, with no question', () => {
    const theirs = edit(base.geometry, { previous_use: 'Tankstelle' })
    const mine = edit(base.geometry, { description: 'neu von B' })
    const result = threeWayMerge(base, theirs, mine, fields)
    expect(result.merged.properties).toEqual({
      name: 'Baulücke Lützner Straße',
      previous_use: 'Tankstelle',
      description: 'neu von B',
    })
    expect(result.fromTheirs).toEqual(['previous_use'])
    expect(result.fromMine).toEqual(['description'])
    expect(result.conflicts).toEqual([])
    expect(needsChoice(result)).toBe(false)
  })

  it('asks about a field both changed differently, and applies the choice', () => {
    const theirs = edit(base.geometry, { description: 'von A', previous_use: 'Tankstelle' })
    const mine = edit(base.geometry, { description: 'von B' })
    const result = threeWayMerge(base, theirs, mine, fields)
    expect(result.conflicts).toEqual(['description'])
    expect(needsChoice(result)).toBe(true)
    expect(resolve(result, theirs, {}).properties).toMatchObject({
      description: 'von B',
      previous_use: 'Tankstelle',
    })
    expect(resolve(result, theirs, { description: 'theirs' }).properties).toMatchObject({
      description: 'von A',
      previous_use: 'Tankstelle',
    })
  })

  it('is no conflict when both made the same change, and treats empty and missing alike', () => {
    const theirs = edit(base.geometry, { description: 'gleich', area_hint: null })
    const mine = edit(base.geometry, { description: 'gleich', area_hint: '' })
    const result = threeWayMerge(base, theirs, mine, fields)
    expect(result.conflicts).toEqual([])
    expect(result.fromTheirs).toEqual([])
    expect(result.merged.properties.description).toBe('gleich')
    expect('area_hint' in result.merged.properties).toBe(false)
  })

  it('takes a value they cleared, leaving the property out', () => {
    const theirs = edit(base.geometry, { previous_use: null })
    const mine = edit(base.geometry, { name: 'Neu' })
    const result = threeWayMerge(base, theirs, mine, fields)
    expect(result.merged.properties).toEqual({ name: 'Neu', description: 'alt' })
  })

  it('merges the geometry by the same rule', () => {
    const moved = square(12.331)
    expect(threeWayMerge(base, edit(moved, {}), base, fields)).toMatchObject({
      geometry: 'theirs',
      merged: { geometry: moved },
    })
    expect(threeWayMerge(base, base, edit(moved, {}), fields)).toMatchObject({
      geometry: 'mine',
      merged: { geometry: moved },
    })
    expect(threeWayMerge(base, edit(moved, {}), edit(moved, {}), fields).geometry).toBe('same')
    const other = square(12.332)
    const both = threeWayMerge(base, edit(moved, {}), edit(other, {}), fields)
    expect(both.geometry).toBe('conflict')
    expect(needsChoice(both)).toBe(true)
    expect(resolve(both, edit(moved, {}), {}, 'theirs').geometry).toEqual(moved)
    expect(resolve(both, edit(moved, {}), {}, 'mine').geometry).toEqual(other)
  })

  it('sees the same shape in a one-part multipolygon and in digits below a centimetre', () => {
    const polygon = square(12.33) as { coordinates: number[][][] }
    const multi: Geometry = { type: 'MultiPolygon', coordinates: [polygon.coordinates] }
    expect(sameShape(polygon as Geometry, multi)).toBe(true)
    const nudged: Geometry = {
      type: 'Polygon',
      coordinates: polygon.coordinates.map((ring) => ring.map(([x, y]) => [(x ?? 0) + 1e-9, y ?? 0])),
    }
    expect(sameShape(polygon as Geometry, nudged)).toBe(true)
    expect(sameShape(polygon as Geometry, square(12.3301))).toBe(false)
  })
})

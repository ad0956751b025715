import type { Geometry } from 'geojson'
import { describe, expect, it } from 'vitest'
import { useTestDatabase } from '../../../backend/src/test/test-database.ts'
import { cutAcross, eastNeighbour, lindenauPlot, link } from './fixtures.testing.ts'
import { formatMeasurement, measure, sridFor } from './measure.ts'

// The figure a planner sees while drawing must be the one PostGIS stores: compare with
// st_area / st_perimeter / st_length after st_transform, on a copy of the run's test database
// (embedded, or DATABASE_URL).

const database = useTestDatabase()

async function postgis(geometry: Geometry, srid: number) {
  const [row] = await database().sql<{ area: number; perimeter: number; length: number }[]>`
    with g as (select st_transform(st_setsrid(st_geomfromgeojson(${JSON.stringify(geometry)}), 4326), ${srid}::int) as geom)
    select st_area(geom) as area, st_perimeter(geom) as perimeter, st_length(geom) as length from g`
  if (!row) throw new Error('no row')
  return row
}

const dortmundPlot: Geometry = {
  type: 'Polygon',
  coordinates: [
    [
      [7.448, 51.511],
      [7.4495, 51.511],
      [7.4495, 51.5118],
      [7.448, 51.511],
    ],
  ],
}

const relative = (a: number, b: number) => Math.abs(a - b) / b

describe('measurements agree with PostGIS', () => {
  it.each([
    ['a Lindenau plot in EPSG:25833', lindenauPlot, 25833],
    ['its neighbour in EPSG:25833', eastNeighbour, 25833],
    ['a Dortmund plot in EPSG:25832', dortmundPlot, 25832],
  ] as const)('area and perimeter of %s', async (_, geometry, srid) => {
    const mine = measure(geometry, srid)
    const theirs = await postgis(geometry, srid)
    expect(mine.areaM2).toBeGreaterThan(1000)
    expect(relative(mine.areaM2, Number(theirs.area))).toBeLessThan(0.001)
    expect(relative(mine.perimeterM, Number(theirs.perimeter))).toBeLessThan(0.001)
  })

  it.each([
    ['a foot link', link],
    ['a cut line', cutAcross],
  ] as const)('length of %s', async (_, geometry) => {
    const mine = measure(geometry, 25833)
    const theirs = await postgis(geometry, 25833)
    expect(relative(mine.lengthM, Number(theirs.length))).toBeLessThan(0.001)
  })
})

describe('sridFor', () => {
  const at = (lon: number) => ({
    type: 'Polygon' as const,
    coordinates: [
      [
        [lon, 51.3],
        [lon + 0.01, 51.3],
        [lon, 51.31],
        [lon, 51.3],
      ],
    ],
  })
  it("takes the municipality's official CRS, else the UTM zone of the first longitude", () => {
    expect(sridFor('05913000', at(12.37))).toBe(25832)
    expect(sridFor(undefined, at(12.37))).toBe(25833)
    expect(sridFor(undefined, at(7.46))).toBe(25832)
    expect(sridFor(undefined, { type: 'MultiPolygon', coordinates: [at(7.46).coordinates] })).toBe(25832)
    expect(sridFor(undefined, { type: 'Point', coordinates: [13.4, 52.5] })).toBe(25833)
  })
})

describe('formatMeasurement', () => {
  it('shows square metres, hectares and perimeter in German', () => {
    const text = formatMeasurement({ areaM2: 6979.4, areaHa: 0.69794, perimeterM: 352.2, lengthM: 0 }, 'de')
    expect(text).toBe('6.979 m² (0,70 ha), Umfang 352 m')
  })
})

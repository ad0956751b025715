// Which coordinate reference system an imported file is in. German offices send ETRS89/UTM
// (25832/25833), the old Gauss–Krüger zones (31466–31469), their 3-degree cousins 3398/3399,
// WGS 84 and Web Mercator; PostGIS transforms all of them (every one is in spatial_ref_sys of
// both engines). A CRS that is none of these, or coordinates that only look like one of them
// (zone-prefixed UTM eastings of EPSG:5650), are refused with a message a planner can act on.

import { ImportError } from './sources/source.ts'

export class CrsRefusal extends ImportError {}

/** The CRS an import recognises, by EPSG code, with the name a planner knows it by. */
export const recognisedCrs: Readonly<Record<number, string>> = {
  4326: 'WGS 84 (longitude, latitude)',
  3857: 'WGS 84 / Pseudo-Mercator (web maps)',
  25832: 'ETRS89 / UTM zone 32N',
  25833: 'ETRS89 / UTM zone 33N',
  31466: 'DHDN / 3-degree Gauss–Krüger zone 2',
  31467: 'DHDN / 3-degree Gauss–Krüger zone 3',
  31468: 'DHDN / 3-degree Gauss–Krüger zone 4',
  31469: 'DHDN / 3-degree Gauss–Krüger zone 5',
  3398: 'DHDN / 3-degree Gauss–Krüger zone 4 (E-N, 3398)',
  3399: 'DHDN / 3-degree Gauss–Krüger zone 5 (E-N, 3399)',
}

const zonePrefixed =
  'eastings carry the UTM zone prefix (e.g. 33 + 6 digits: EPSG:5650 or 4647), which Quartiersatlas does not read; export the file in EPSG:25832 or EPSG:25833 (eastings of 6 digits) and import it again'

/** The EPSG code `code` if it is recognised; otherwise a refusal naming what is accepted. */
export function recognised(code: number, where: string): number {
  if (code === 5650 || code === 5649 || code === 4647 || code === 5651 || code === 5652)
    throw new CrsRefusal(`${where} says EPSG:${code}: its ${zonePrefixed}`)
  if (!(code in recognisedCrs)) {
    throw new CrsRefusal(
      `${where} says EPSG:${code}, which is not one of the recognised systems: ${Object.keys(recognisedCrs)
        .map((c) => `EPSG:${c}`)
        .join(', ')}`,
    )
  }
  return code
}

/** The EPSG code of a GeoJSON `crs` member ("urn:ogc:def:crs:EPSG::25833", "EPSG:31468", CRS84). */
export function sridOfGeoJsonCrs(member: unknown): number | undefined {
  if (member === undefined || member === null) return undefined
  const name = (member as { properties?: { name?: unknown } }).properties?.name
  if (typeof name !== 'string') throw new CrsRefusal('the GeoJSON "crs" member has no properties.name')
  if (/CRS84$/i.test(name) || /OGC:?:?1\.3:?:?CRS84/i.test(name)) return 4326
  const code = /EPSG:{1,2}(?:[\d.]*:)?(\d+)$/i.exec(name)?.[1]
  if (!code) throw new CrsRefusal(`the GeoJSON "crs" member names ${name}, which is not an EPSG code`)
  return recognised(Number(code), 'the GeoJSON "crs" member')
}

/**
 * The EPSG code a .prj (WKT 1, ESRI or OGC flavour) or a GeoPackage definition describes: its
 * AUTHORITY when given, otherwise read from datum, projection and parameters, because ESRI .prj
 * files carry no codes.
 */
export function sridOfWkt(wkt: string, where: string): number {
  const text = wkt.trim()
  const authority = /^PROJCS\[.*AUTHORITY\["EPSG",\s*"?(\d+)"?\]\]\s*$/is.exec(text)
  if (authority?.[1]) return recognised(Number(authority[1]), where)
  const projcrs = /^(?:PROJCRS|PROJCS).*ID\["EPSG",\s*(\d+)\]\]\s*$/is.exec(text)
  if (projcrs?.[1]) return recognised(Number(projcrs[1]), where)
  const parameter = (name: string) => {
    const match = new RegExp(`PARAMETER\\["${name}",\\s*(-?[\\d.eE+]+)`, 'i').exec(text)
    return match?.[1] === undefined ? undefined : Number(match[1])
  }
  if (!/^PROJ(?:CS|CRS)\[/i.test(text)) {
    if (/WGS[ _]?(?:19)?84/i.test(text) && /^GEOG(?:CS|CRS)\[/i.test(text)) return 4326
    throw new CrsRefusal(
      `${where} describes a geographic system other than WGS 84; export the file in WGS 84 or EPSG:25832/25833`,
    )
  }
  if (/Mercator_Auxiliary_Sphere|Pseudo[-_ ]Mercator|Popular_Visualisation/i.test(text)) return 3857
  const falseEasting = parameter('False_Easting')
  const meridian = parameter('Central_Meridian') ?? parameter('central_meridian')
  if (falseEasting !== undefined && falseEasting >= 1_000_000 && /ETRS|GRS_?1980|UTM/i.test(text)) {
    throw new CrsRefusal(`${where} describes a UTM system whose ${zonePrefixed}`)
  }
  if (/ETRS|GRS_?1980/i.test(text) && falseEasting === 500_000) {
    if (meridian === 9) return 25832
    if (meridian === 15) return 25833
  }
  if (/Deutsches_Hauptdreiecksnetz|DHDN|Bessel/i.test(text) && meridian !== undefined) {
    const zone = meridian / 3
    const code = { 2: 31466, 3: 31467, 4: 31468, 5: 31469 }[zone]
    if (code && falseEasting === zone * 1_000_000 + 500_000) return code
  }
  const name = /^PROJ(?:CS|CRS)\["([^"]+)"/i.exec(text)?.[1] ?? 'an unnamed system'
  throw new CrsRefusal(
    `${where} describes ${name}, which is not one of the recognised systems (${Object.keys(recognisedCrs)
      .map((c) => `EPSG:${c}`)
      .join(', ')}); export the file in one of them or choose the system when importing`,
  )
}

/**
 * Refuses coordinates that cannot be in `srid` near a German city: zone-prefixed eastings,
 * Gauss–Krüger eastings read as UTM and the reverse, latitude and longitude swapped. The
 * envelope of the municipality is checked later, after PostGIS transformed every feature.
 */
export function checkPlausible(srid: number, x: number, y: number, where: string): void {
  const at = `${where} has the coordinates ${x} ${y}`
  if (srid === 4326) {
    if (Math.abs(x) > 180 || Math.abs(y) > 90) {
      if (x > 1e5)
        throw new CrsRefusal(`${at}, which are metres, not degrees; choose the file's coordinate system`)
      throw new CrsRefusal(`${at}, which are not longitude and latitude`)
    }
    if (x > 45 && x < 56 && y > 5 && y < 16)
      throw new CrsRefusal(`${at}: latitude and longitude are swapped; longitude comes first`)
    return
  }
  if (srid === 3857) return
  if (x >= 10_000_000) throw new CrsRefusal(`${at}: its ${zonePrefixed}`)
  if (srid === 25832 || srid === 25833) {
    if (x > 1_000_000)
      throw new CrsRefusal(
        `${at}: eastings of 7 digits are Gauss–Krüger (EPSG:31466–31469), not ${recognisedCrs[srid]}; choose the Gauss–Krüger zone`,
      )
    if (x < 100_000 && Math.abs(y) < 100)
      throw new CrsRefusal(`${at}, which are degrees, not metres of ${recognisedCrs[srid]}`)
    return
  }
  // Gauss–Krüger: the easting's first digit is the zone (zone 4 → 4 500 000 at the meridian).
  const zone = { 31466: 2, 31467: 3, 31468: 4, 31469: 5, 3398: 4, 3399: 5 }[srid]
  if (zone !== undefined && Math.floor(x / 1_000_000) !== zone) {
    throw new CrsRefusal(
      `${at}: ${recognisedCrs[srid]} eastings begin with ${zone}; ${
        x < 1_000_000 ? 'eastings of 6 digits are UTM (EPSG:25832/25833)' : 'choose the matching zone'
      }`,
    )
  }
}

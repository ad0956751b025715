import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { repoRoot } from '../config.ts'
import { findLayerByTable } from '../contract/layers.ts'
import type { Queries, Sql } from '../db/sql-client.ts'
import { importFeatures } from '../importing/import-features.ts'

// The offline reference map shipped in geodata/ (SOURCES.md there): the 63 official Ortsteile,
// the OSM building outlines of the focus districts, the rail and S-Bahn stations and the city's
// address list. Loaded once into a database (the first start, or npm run db:seed) and then
// never again at start: app_state remembers which edition is in. All of it is Leipzig's.

const referenceDir = join(repoRoot, 'geodata')
const leipzig = '14713000'
/** Raise when the files in geodata/ change, so that databases load the new edition once. */
export const referenceEdition = 1
// Rows per statement: one JSON parameter each (about 1 MB of buildings), measured 2.6 s for all
// 16,000 buildings on the embedded engine against 3.4 s at 500 rows per statement.
const chunk = 2000

type Row = Record<string, unknown> & { geometry: unknown }

/** The features of a gzip'd GeoJSON sequence in geodata/, flattened to properties plus geometry. */
export function readReferenceFile(name: string, dir = referenceDir): Row[] {
  const text = gunzipSync(readFileSync(join(dir, name))).toString('utf8')
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const feature = JSON.parse(line) as { properties: Record<string, unknown>; geometry: unknown }
      return { ...feature.properties, geometry: feature.geometry }
    })
}

export type ReferenceReport = { districts: number; buildings: number; stations: number; addresses: number }

/** Whether this database holds the current edition of the reference map. */
export async function referenceMapLoaded(sql: Queries): Promise<boolean> {
  const [row] = await sql<{ edition: number | null }[]>`
    select (value ->> 'edition')::int as edition from app_state where key = 'reference_map'`
  return row?.edition === referenceEdition
}

/** Loads (or reloads) the reference map in one transaction; returns the row counts. */
export async function loadReferenceMap(sql: Sql, dir = referenceDir): Promise<ReferenceReport> {
  const districtLayer = findLayerByTable('districts')
  if (!districtLayer) throw new Error('no districts layer')
  const ortsteile = JSON.parse(readFileSync(join(dir, 'leipzig_ortsteile.geojson'), 'utf8')) as unknown
  const districts = await importFeatures(sql, districtLayer, ortsteile, {
    rename: { OT: 'key' },
    municipality: leipzig,
  })
  if (districts.refused.length > 0)
    throw new Error(`leipzig_ortsteile.geojson was refused: ${districts.refused.length}`)
  const buildings = readReferenceFile('reference_buildings.geojsonl.gz', dir)
  const stations = readReferenceFile('reference_stations.geojsonl.gz', dir)
  const points = readReferenceFile('reference_addresses.geojsonl.gz', dir)
  await sql.begin(async (tx) => {
    await tx`delete from addresses where municipality = ${leipzig}`
    await tx`delete from buildings where municipality = ${leipzig}`
    await tx`delete from stations where municipality = ${leipzig}`
    for (let i = 0; i < buildings.length; i += chunk) await insertBuildings(tx, buildings.slice(i, i + chunk))
    await insertStations(tx, stations)
    await addressesOfBuildings(tx)
    await insertAddressPoints(tx, points)
    await tx`
      insert into app_state (key, value) values ('reference_map', ${tx.json({ edition: referenceEdition })})
      on conflict (key) do update set value = excluded.value, updated_at = now()`
  })
  const [counts] = await sql<{ addresses: number }[]>`
    select count(*)::int as addresses from addresses where municipality = ${leipzig}`
  return {
    districts: districts.features,
    buildings: buildings.length,
    stations: stations.length,
    addresses: counts?.addresses ?? 0,
  }
}

async function insertBuildings(tx: Queries, rows: Row[]): Promise<void> {
  await tx`
    insert into buildings (municipality, osm_way_id, name, building, street, housenumber, postcode, geom)
    select ${leipzig}, r.osm_way_id, r.name, r.building, r.street, r.housenumber, r.postcode,
           st_multi(st_setsrid(st_geomfromgeojson(r.geometry), 4326))
      from jsonb_to_recordset(${tx.json(rows as never)}) as r(osm_way_id bigint, name text, building text,
             street text, housenumber text, postcode text, geometry jsonb)`
}

async function insertStations(tx: Queries, rows: Row[]): Promise<void> {
  await tx`
    insert into stations (municipality, osm_node_id, name, railway, geom)
    select ${leipzig}, r.osm_node_id, r.name, r.railway, st_setsrid(st_geomfromgeojson(r.geometry), 4326)
      from jsonb_to_recordset(${tx.json(rows as never)}) as r(osm_node_id bigint, name text, railway text, geometry jsonb)`
}

// A building's address, at a point on its outline; of two outlines with one address, the larger.
async function addressesOfBuildings(tx: Queries): Promise<void> {
  await tx`
    insert into addresses (municipality, street, housenumber, postcode, source, building_id, street_f, label_f, geom)
    select distinct on (street_f, label_f) ${leipzig}, street, housenumber, postcode, 'building', id, street_f, label_f,
           st_pointonsurface(geom)
      from (select *, search_fold(street) as street_f, search_fold(street || ' ' || housenumber) as label_f
              from buildings where street is not null and housenumber is not null) as b
     order by street_f, label_f, st_area(geom) desc
    on conflict do nothing`
}

// The address list where no building carries the address. A point the list gives a whole street
// segment (n_same_coord > 1) is moved between the nearest numbered buildings on either side of the
// same street and parity, in proportion to the house number, when both lie within 500 m. Staged in
// temporary tables with their own indexes: done per chunk against addresses, this took 40 s.
async function stageAddressPoints(tx: Queries, rows: Row[]): Promise<void> {
  await tx`
    insert into staged_points
    select r.street, r.housenumber, r.postcode, r.n_same_coord, search_fold(r.street),
           search_fold(r.street || ' ' || r.housenumber), substring(r.housenumber from '^[0-9]+')::int,
           st_setsrid(st_geomfromgeojson(r.geometry), 4326)
      from jsonb_to_recordset(${tx.json(rows as never)})
           as r(street text, housenumber text, postcode text, n_same_coord int, geometry jsonb)`
}

async function insertAddressPoints(tx: Queries, rows: Row[]): Promise<void> {
  await tx`
    create temporary table staged_points (street text, housenumber text, postcode text, n_same_coord int,
      street_f text, label_f text, number int, geom geometry) on commit drop`
  for (let i = 0; i < rows.length; i += chunk) await stageAddressPoints(tx, rows.slice(i, i + chunk))
  await tx`
    create temporary table numbered on commit drop as
    select street_f, substring(housenumber from '^[0-9]+')::int as number, geom
      from addresses where source = 'building' and housenumber ~ '^[0-9]+'`
  await tx`create index on numbered (street_f, number)`
  await tx`analyze numbered`
  await tx`
    insert into addresses (municipality, street, housenumber, postcode, source, street_f, label_f, geom)
    select distinct on (street_f, label_f) ${leipzig}, street, housenumber, postcode,
           case when interpolate then 'interpolated' else 'point' end, street_f, label_f,
           case when interpolate
                then st_lineinterpolatepoint(st_makeline(lo_geom, hi_geom),
                                             (number - lo_number)::float8 / (hi_number - lo_number))
                else geom end
      from (select p.*, lo.number as lo_number, lo.geom as lo_geom, hi.number as hi_number, hi.geom as hi_geom,
                   lo.geom is not null and hi.geom is not null
                   and st_distance(lo.geom::geography, hi.geom::geography) < 500 as interpolate
              from staged_points p
              left join lateral (
                select n.number, n.geom from numbered n
                 where p.n_same_coord > 1 and n.street_f = p.street_f and n.number < p.number
                   and n.number % 2 = p.number % 2
                 order by n.number desc limit 1) as lo on true
              left join lateral (
                select n.number, n.geom from numbered n
                 where p.n_same_coord > 1 and n.street_f = p.street_f and n.number > p.number
                   and n.number % 2 = p.number % 2
                 order by n.number limit 1) as hi on true) as p
     order by street_f, label_f
    on conflict do nothing`
}

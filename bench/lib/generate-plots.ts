import type { Sql } from '../../backend/src/db/sql-client.ts'

/**
 * Inserts `count` synthetic plots around Leipzig (lon 12.24–12.52, lat 51.26–51.42), octagons of
 * 15–80 m radius drawn in EPSG:25833, with a fixed seed so every run measures the same data.
 * Their external_id starts with "bench:" so they can be told apart from real rows.
 */
export async function generatePlots(sql: Sql, count: number, seed = 0.42): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`select setseed(${seed})`
    await tx`
      insert into plots (name, status, contamination, external_id, geom)
      select 'Testfläche ' || i,
             (array['fallow', 'offered', 'interim_use', 'developed', 'sealed_off'])[1 + floor(random() * 5)::int],
             (array['none', 'suspected', 'unknown'])[1 + floor(random() * 3)::int],
             'bench:' || i,
             st_multi(st_transform(st_buffer(st_transform(st_setsrid(st_point(lon, lat), 4326), 25833),
                                             15 + random() * 65, 'quad_segs=2'), 4326))
        from (select i, 12.24 + random() * 0.28 as lon, 51.26 + random() * 0.16 as lat
                from generate_series(1, ${count}::int) as i) as points`
    await tx`analyze plots`
  })
}

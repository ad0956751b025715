import type { Queries } from '../db/sql-client.ts'

// The plots as a brownfield register (Brachflächenkataster): one row per plot, current or
// retired. A retired plot is one deleted from the map; its last state and the day it went
// come from the history, so the register keeps it with its end date. Hectares are computed
// from the area in the official CRS that the database keeps (area_m2). Ownership is only the
// category of the owner (public body or private), never who it is.

export type RegisterRow = {
  reference: string | null
  name: string
  address: string | null
  gemarkung: string | null
  flur: string | null
  flurstueck: string | null
  hectares: string
  ownership: 'public' | 'private' | 'unknown'
  status: string
  previous_use: string | null
  contamination: string
  district_key: string | null
  recorded_on: string
  changed_on: string
  ended_on: string | null
}

/** Every plot of the register, current ones first by id, then the retired ones by end date. */
export async function readRegister(sql: Queries): Promise<RegisterRow[]> {
  return sql<RegisterRow[]>`
    with rows as (
      select p.id, p.external_id, p.name, p.address, p.gemarkung, p.flur, p.flurstueck, p.area_m2,
             p.owner_party_id, p.status, p.previous_use, p.contamination, p.district_key,
             p.created_at, p.updated_at, null::timestamptz as ended_at
        from plots p
      union all
      select h.row_id, b.external_id, b.name, b.address, b.gemarkung, b.flur, b.flurstueck, b.area_m2,
             b.owner_party_id, b.status, b.previous_use, b.contamination, b.district_key,
             b.created_at, b.updated_at, h.changed_at
        from history h
       cross join lateral jsonb_to_record(h.before) as b(
             external_id text, name text, address text, gemarkung text, flur text, flurstueck text,
             area_m2 numeric, owner_party_id bigint, status text, previous_use text, contamination text,
             district_key text, created_at timestamptz, updated_at timestamptz)
       where h.table_name = 'plots' and h.operation = 'delete'
         and not exists (select from plots p where p.id = h.row_id)
    )
    select r.external_id as reference, r.name, r.address, r.gemarkung, r.flur, r.flurstueck,
           to_char(round(r.area_m2 / 10000, 2), 'FM999999990.00') as hectares,
           case when o.kind is null then 'unknown' when o.kind = 'public_body' then 'public' else 'private' end as ownership,
           r.status, r.previous_use, r.contamination, r.district_key,
           to_char(r.created_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as recorded_on,
           to_char(r.updated_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as changed_on,
           to_char(r.ended_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as ended_on
      from rows r
      left join parties o on o.id = r.owner_party_id
     order by r.ended_at nulls first, r.id`
}

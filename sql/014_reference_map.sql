-- The offline reference map (issue 16): OSM building outlines of the focus districts, rail and
-- S-Bahn stations, and the address list for search. Read-only reference data, loaded once from
-- the files in geodata/ (backend/src/seed/seed-reference.ts): no history, no planner writes.

create table buildings (
  id bigint generated always as identity primary key,
  municipality char(8) not null default default_municipality() references municipalities,
  osm_way_id bigint not null,
  name text,
  building text,
  street text,
  housenumber text,
  postcode text,
  geom geometry(MultiPolygon, 4326) not null check (not st_isempty(geom)),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (municipality, osm_way_id)
);
create index buildings_geom on buildings using gist (geom);

create table stations (
  id bigint generated always as identity primary key,
  municipality char(8) not null default default_municipality() references municipalities,
  osm_node_id bigint not null,
  name text not null,
  railway text,
  geom geometry(Point, 4326) not null check (not st_isempty(geom)),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (municipality, osm_node_id)
);
create index stations_geom on stations using gist (geom);
create trigger stations_search after insert or update or delete on stations
  for each row execute function search_texts_sync('', '');

-- One row per street address: from a building's OSM address where one has it (source
-- 'building', a point on the outline), else the city's address list (source 'point'), moved
-- between the numbered buildings either side on the same street when the list gives a whole
-- street segment one shared point (source 'interpolated'). street_f and label_f are folded
-- for search ("josephstrasse", "josephstrasse 12").
create table addresses (
  id bigint generated always as identity primary key,
  municipality char(8) not null default default_municipality() references municipalities,
  street text not null,
  housenumber text not null,
  postcode text,
  source text not null check (source in ('building', 'point', 'interpolated')),
  building_id bigint references buildings on delete set null,
  street_f text not null,
  label_f text not null,
  geom geometry(Point, 4326) not null,
  unique (municipality, street_f, label_f)
);
create index addresses_label on addresses (label_f text_pattern_ops);
create index addresses_street on addresses (street_f text_pattern_ops);
-- Deleting a building looks its addresses up by this.
create index addresses_building on addresses (building_id);

-- Search: keys_f holds each address-like or code column of a row folded on its own, so that
-- "WK7" can match the code WK7 exactly and rank it first (search.queries.ts).
alter table search_texts add column keys_f text[] not null default '{}';

create or replace function search_texts_sync() returns trigger
language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    delete from search_texts where table_name = tg_table_name and id = old.id;
    return null;
  end if;
  insert into search_texts (table_name, id, name_f, near_f, all_f, keys_f)
  select tg_table_name, new.id, t.name_f, t.near_f, t.all_f,
         array(select search_fold(to_jsonb(new) ->> c) from unnest(string_to_array(tg_argv[0], ',')) as c
                where to_jsonb(new) ->> c is not null)
    from search_texts_of(to_jsonb(new) - 'geom', string_to_array(tg_argv[0], ','),
                         string_to_array(tg_argv[1], ',')) as t
  on conflict (table_name, id) do update
    set name_f = excluded.name_f, near_f = excluded.near_f, all_f = excluded.all_f, keys_f = excluded.keys_f;
  return null;
end $$;

do $$
declare
  keyed text[] := array[
    array['plots', 'address,gemarkung,flurstueck'],
    array['places', 'address,organisation'],
    array['programme_areas', 'local_office,local_office_address'],
    array['districts', 'key'],
    array['quarters', 'code'],
    array['links', 'surface']
  ];
  entry text[];
begin
  foreach entry slice 1 in array keyed loop
    execute format('update search_texts s set keys_f = array(select search_fold(to_jsonb(t) ->> c) '
                   'from unnest(string_to_array(%L, '','')) as c where to_jsonb(t) ->> c is not null) '
                   'from %I t where s.table_name = %L and s.id = t.id',
                   entry[2], entry[1], entry[1]);
  end loop;
end $$;

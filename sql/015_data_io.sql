-- Data in and out (issue 17): the envelope imports must lie in, and the district and programme
-- areas every plot, place, measure and offer lies in, kept by the database on every write and
-- import, and again when districts or programme areas change.

-- The box a municipality's features must lie in (WGS 84, with a margin of about 2 km); imports
-- refuse features outside it, which catches a wrong coordinate system before it lands in Africa.
alter table municipalities add column envelope geometry(Polygon, 4326);
update municipalities set envelope = st_makeenvelope(12.20, 51.22, 12.58, 51.47, 4326) where ags = '14713000';
update municipalities set envelope = st_makeenvelope(7.28, 51.39, 7.66, 51.62, 4326) where ags = '05913000';

-- The district (by official key) that holds a point on the geometry's surface, and every
-- programme area the geometry touches. One district per feature, as a register lists it.
create function area_tags(g geometry, m char(8), out district_key text, out programme_area_ids bigint[])
language sql stable as $$
  select (select d.key from districts d
           where g is not null and d.municipality = m and st_intersects(d.geom, st_pointonsurface(g))
           order by d.key limit 1),
         coalesce((select array_agg(p.id order by p.id) from programme_areas p
                    where g is not null and p.municipality = m and st_intersects(p.geom, g)), '{}')
$$;

create function tag_areas() returns trigger
language plpgsql as $$
begin
  select t.district_key, t.programme_area_ids into new.district_key, new.programme_area_ids
    from area_tags(new.geom, new.municipality) t;
  return new;
end $$;

-- Tags again the rows of every tagged layer that `g` touches (a district or programme area that
-- was drawn, moved or deleted). Only rows whose tags change are written.
create function retag_within(g geometry) returns void
language plpgsql as $$
declare
  t text;
begin
  if g is null then return; end if;
  foreach t in array array['plots', 'places', 'measures', 'offers'] loop
    execute format(
      'update %I x set district_key = a.district_key, programme_area_ids = a.programme_area_ids
         from %I y cross join lateral area_tags(y.geom, y.municipality) a
        where y.id = x.id and y.geom && $1 and st_intersects(y.geom, $1)
          and (x.district_key, x.programme_area_ids) is distinct from (a.district_key, a.programme_area_ids)', t, t)
    using g;
  end loop;
end $$;

create function retag_on_area_change() returns trigger
language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then perform retag_within(old.geom); end if;
  if tg_op in ('INSERT', 'UPDATE') then perform retag_within(new.geom); end if;
  return null;
end $$;

do $$
declare
  t text;
begin
  foreach t in array array['plots', 'places', 'measures', 'offers'] loop
    execute format('alter table %I add column district_key text, add column programme_area_ids bigint[] not null default ''{}''', t);
    execute format('create index %I on %I (district_key)', t || '_district_key', t);
    execute format('create index %I on %I using gin (programme_area_ids)', t || '_programme_area_ids', t);
    -- The first tagging of existing rows is not an edit: no new version, no history entry.
    execute format('alter table %I disable trigger %I', t, t || '_version');
    execute format('alter table %I disable trigger %I', t, t || '_history');
    execute format('update %I x set district_key = a.district_key, programme_area_ids = a.programme_area_ids
                      from %I y cross join lateral area_tags(y.geom, y.municipality) a where y.id = x.id', t, t);
    execute format('alter table %I enable trigger %I', t, t || '_version');
    execute format('alter table %I enable trigger %I', t, t || '_history');
    execute format('create trigger %I before insert or update of geom, municipality on %I for each row execute function tag_areas()',
                   t || '_tags', t);
  end loop;
end $$;

create trigger districts_retag after insert or update of geom, key, municipality or delete on districts
  for each row execute function retag_on_area_change();
create trigger programme_areas_retag after insert or update of geom, municipality or delete on programme_areas
  for each row execute function retag_on_area_change();

-- The database announces every change (issue 14). Whoever writes a layer row (the app, QGIS on
-- PostGIS, psql, db:import), one statement-level trigger per statement sends ONE notification on
-- channel quartiersatlas_changes, delivered to every listening app process at commit (a rolled-back
-- write announces nothing). The payload is JSON, always far below NOTIFY's 8000 bytes:
--   {"table": "plots", "count": 3, "ids": [2, 5, 9], "before": [minLon, minLat, maxLon, maxLat],
--    "after": [...]}
-- ids only for statements of at most 50 rows (null above: "the layer changed within this
-- extent"); before/after are the extents (CRS84) of the old and new rows, null when there are
-- none. A truncate says {"table": …, "all": true}. Writes to agreements, agreement_plots,
-- agreement_parties and parties announce table interim_uses (the view they feed) with the extent
-- of the plots concerned.

create function change_extent(box box2d) returns json
language sql immutable as $$
  select case when box is not null
              then json_build_array(st_xmin(box), st_ymin(box), st_xmax(box), st_ymax(box)) end
$$;

create function announce(tab text, total bigint, ids bigint[], before box2d, after box2d)
returns void
language sql as $$
  select pg_notify('quartiersatlas_changes', json_build_object(
           'table', tab, 'count', total,
           'ids', case when total <= 50 then to_json(ids) end,
           'before', change_extent(before), 'after', change_extent(after))::text)
   where total > 0
$$;

-- Layer tables: every one has id and geom. One function body serves all of them (PL/pgSQL plans
-- it per table), the transition tables old_rows/new_rows as the trigger names them.
create function announce_layer_change() returns trigger
language plpgsql as $$
declare
  total bigint := 0;
  ids bigint[];
  before box2d;
  after box2d;
begin
  if tg_op in ('UPDATE', 'DELETE') then
    select count(*), st_extent(geom) into total, before from old_rows;
    select array_agg(id) into ids from (select id from old_rows limit 51) as o;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    select count(*), st_extent(geom) into total, after from new_rows;
    select array_agg(id) into ids from (select id from new_rows limit 51) as n;
  end if;
  perform announce(tg_table_name, total, ids, before, after);
  return null;
end $$;

-- What feeds interim_uses: the agreement ids a statement touched, and the extent of their plots.
-- Which plots an agreement covers changes in agreement_plots: there the extent before is that of
-- the plots in old_rows, after that of the agreements' plots now.
create function announce_interim_use_change() returns trigger
language plpgsql as $$
declare
  keys bigint[] := '{}';
  plot_ids bigint[] := '{}';
  touched bigint[];
  before box2d;
  after box2d;
begin
  -- keys: the rows' own ids (parties, agreements) or their agreement ids (the link tables).
  if tg_op <> 'INSERT' then
    if tg_table_name in ('parties', 'agreements') then
      keys := keys || array(select id from old_rows);
    else
      keys := keys || array(select agreement_id from old_rows);
    end if;
    if tg_table_name = 'agreement_plots' then
      plot_ids := plot_ids || array(select plot_id from old_rows);
    end if;
  end if;
  if tg_op <> 'DELETE' then
    if tg_table_name in ('parties', 'agreements') then
      keys := keys || array(select id from new_rows);
    else
      keys := keys || array(select agreement_id from new_rows);
    end if;
  end if;
  if tg_table_name = 'parties' then
    touched := array(select distinct agreement_id from agreement_parties where party_id = any(keys));
  else
    touched := array(select distinct unnest(keys));
  end if;
  select st_extent(p.geom) into after
    from agreement_plots ap join plots p on p.id = ap.plot_id
   where ap.agreement_id = any(touched);
  select st_extent(p.geom) into before from plots p where p.id = any(plot_ids);
  before := coalesce(before, after);
  perform announce('interim_uses', cardinality(touched), touched[1:51], before, after);
  return null;
end $$;

create function announce_truncate() returns trigger
language plpgsql as $$
begin
  perform pg_notify('quartiersatlas_changes',
                    json_build_object('table', coalesce(tg_argv[0], tg_table_name), 'all', true)::text);
  return null;
end $$;

-- Transition tables allow one event per trigger, hence three triggers (and one for truncate).
-- INSERT triggers see no old_rows and DELETE triggers no new_rows: the functions read only what
-- their tg_op has.
do $$
declare
  t text;
begin
  foreach t in array array['districts', 'programme_areas', 'plots', 'quarters', 'measures', 'links',
                           'places'] loop
    execute format('create trigger %I after insert on %I referencing new table as new_rows '
                   'for each statement execute function announce_layer_change()', t || '_announce_insert', t);
    execute format('create trigger %I after update on %I referencing old table as old_rows new table as new_rows '
                   'for each statement execute function announce_layer_change()', t || '_announce_update', t);
    execute format('create trigger %I after delete on %I referencing old table as old_rows '
                   'for each statement execute function announce_layer_change()', t || '_announce_delete', t);
    execute format('create trigger %I after truncate on %I '
                   'for each statement execute function announce_truncate()', t || '_announce_truncate', t);
  end loop;
  foreach t in array array['agreements', 'agreement_plots', 'agreement_parties', 'parties'] loop
    execute format('create trigger %I after insert on %I referencing new table as new_rows '
                   'for each statement execute function announce_interim_use_change()', t || '_announce_insert', t);
    execute format('create trigger %I after update on %I referencing old table as old_rows new table as new_rows '
                   'for each statement execute function announce_interim_use_change()', t || '_announce_update', t);
    execute format('create trigger %I after delete on %I referencing old table as old_rows '
                   'for each statement execute function announce_interim_use_change()', t || '_announce_delete', t);
    execute format('create trigger %I after truncate on %I '
                   'for each statement execute function announce_truncate(''interim_uses'')', t || '_announce_truncate', t);
  end loop;
end $$;

-- Edits made directly on the database are first class: the same CHECKs, version bump and history
-- triggers hold for every writer. When no application user is set (quartiersatlas.user_id, see
-- backend/src/db/write-as.ts) and the writer is not Quartiersatlas itself (its connections say
-- application_name quartiersatlas: seed, import, jobs stay "import/system"), history records the
-- database role that wrote (session_user, the login): "edited in the database by gis_team".
-- The trigger runs as the writer, so the editing role may insert into history (not read, update
-- or delete it).
alter table history add column changed_by_role text;

create or replace function record_history() returns trigger
language plpgsql as $$
declare
  actor bigint := nullif(current_setting('quartiersatlas.user_id', true), '')::bigint;
  role_name text := case when actor is null
                           and current_setting('application_name', true) is distinct from 'quartiersatlas'
                         then session_user::text end;
begin
  if tg_op = 'INSERT' then
    insert into history (table_name, row_id, operation, version, changed_by, changed_by_role, after)
    values (tg_table_name, new.id, 'insert', new.version, actor, role_name, to_jsonb(new));
  elsif tg_op = 'UPDATE' then
    insert into history (table_name, row_id, operation, version, changed_by, changed_by_role, before, after)
    values (tg_table_name, new.id, 'update', new.version, actor, role_name, to_jsonb(old), to_jsonb(new));
  else
    insert into history (table_name, row_id, operation, version, changed_by, changed_by_role, before)
    values (tg_table_name, old.id, 'delete', old.version, actor, role_name, to_jsonb(old));
  end if;
  return null;
end $$;


-- A group role for desktop GIS (QGIS) editing the layer tables directly: login roles are made
-- members of it (README, "Editing with QGIS on PostGIS"). It may read and write the layer tables
-- and read the lookups their triggers and defaults use; it has no right on any table with
-- personal data (users, parties, party_contacts, sessions, api_tokens, offers, agreements,
-- agreement_parties, agreement_documents, notifications, outbox, audit_log, erasures,
-- registrations, mail_opt_outs, idempotency_keys; history it may only append to). Roles are
-- cluster-wide: the role may
-- exist already from another database of the cluster.
do $$
begin
  if not exists (select from pg_roles where rolname = 'quartiersatlas_gis_editor') then
    create role quartiersatlas_gis_editor nologin;
  end if;
exception when duplicate_object or unique_violation then
  null;
end $$;

do $$
declare
  t text;
begin
  foreach t in array array['districts', 'programme_areas', 'plots', 'quarters', 'measures', 'links',
                           'places'] loop
    execute format('grant select, insert, update, delete on %I to quartiersatlas_gis_editor', t);
    execute format('grant usage, select on sequence %s to quartiersatlas_gis_editor',
                   pg_get_serial_sequence(t, 'id'));
  end loop;
end $$;
grant select on municipalities, fields_of_action to quartiersatlas_gis_editor;
-- What the layer tables' triggers write: history (append only) and the folded search texts.
grant insert on history to quartiersatlas_gis_editor;
do $$
begin
  execute format('grant usage on sequence %s to quartiersatlas_gis_editor', pg_get_serial_sequence('history', 'id'));
end $$;
grant select, insert, update, delete on search_texts to quartiersatlas_gis_editor;

-- Editing from desktop GIS. QGIS (3.32 and later) sends PUT, PATCH and DELETE without If-Match,
-- so an API token an admin or planner creates explicitly for a desktop GIS may write without it:
-- the last writer wins. Nothing is lost: history keeps the row before every change, and for such
-- a write it also records the version that was overwritten unchecked and the client (its
-- User-Agent, e.g. "Mozilla/5.0 QGIS/33400/…"), so the history says who overwrote what with
-- which program, and the overwritten version can be restored.

alter table api_tokens add column desktop_gis boolean not null default false;

alter table history
  add column client text check (length(client) <= 200),
  add column replaced_version integer;

-- The same function as in 012 (the database role of a plain-SQL edit), plus the client and the
-- version overwritten unchecked.
create or replace function record_history() returns trigger
language plpgsql as $$
declare
  actor bigint := nullif(current_setting('quartiersatlas.user_id', true), '')::bigint;
  role_name text := case when actor is null
                           and current_setting('application_name', true) is distinct from 'quartiersatlas'
                         then session_user::text end;
  client text := nullif(current_setting('quartiersatlas.client', true), '');
  unchecked boolean := coalesce(current_setting('quartiersatlas.unchecked', true), '') = 'on';
begin
  if tg_op = 'INSERT' then
    insert into history (table_name, row_id, operation, version, changed_by, changed_by_role, after, client)
    values (tg_table_name, new.id, 'insert', new.version, actor, role_name, to_jsonb(new), client);
  elsif tg_op = 'UPDATE' then
    insert into history (table_name, row_id, operation, version, changed_by, changed_by_role, before, after,
                         client, replaced_version)
    values (tg_table_name, new.id, 'update', new.version, actor, role_name, to_jsonb(old), to_jsonb(new),
            client, case when unchecked then old.version end);
  else
    insert into history (table_name, row_id, operation, version, changed_by, changed_by_role, before, client,
                         replaced_version)
    values (tg_table_name, old.id, 'delete', old.version, actor, role_name, to_jsonb(old), client,
            case when unchecked then old.version end);
  end if;
  return null;
end $$;

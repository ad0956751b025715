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

create or replace function record_history() returns trigger
language plpgsql as $$
declare
  actor bigint := nullif(current_setting('quartiersatlas.user_id', true), '')::bigint;
  client text := nullif(current_setting('quartiersatlas.client', true), '');
  unchecked boolean := coalesce(current_setting('quartiersatlas.unchecked', true), '') = 'on';
begin
  if tg_op = 'INSERT' then
    insert into history (table_name, row_id, operation, version, changed_by, after, client)
    values (tg_table_name, new.id, 'insert', new.version, actor, to_jsonb(new), client);
  elsif tg_op = 'UPDATE' then
    insert into history (table_name, row_id, operation, version, changed_by, before, after, client,
                         replaced_version)
    values (tg_table_name, new.id, 'update', new.version, actor, to_jsonb(old), to_jsonb(new), client,
            case when unchecked then old.version end);
  else
    insert into history (table_name, row_id, operation, version, changed_by, before, client,
                         replaced_version)
    values (tg_table_name, old.id, 'delete', old.version, actor, to_jsonb(old), client,
            case when unchecked then old.version end);
  end if;
  return null;
end $$;

-- Search: one folding function applied to both the stored texts and the query, so that
-- "Josephstrasse" finds "Josephstraße", "gruenau" and "grunau" find "Grünau", and
-- "kinder freiluft" finds "Kinder-Freiluft-Galerie". It lowercases, spells ß as ss, drops the
-- umlaut (ä, ae → a; ö, oe → o; ü, ue → u) and other diacritics, and turns every run of other
-- characters into one space. Written with replace/translate only: no unaccent or pg_trgm, which
-- the embedded database does not load. Uppercase letters outside ASCII are translated
-- explicitly because lower() leaves them alone under the C locale.

create function search_fold(value text) returns text
language sql immutable strict parallel safe as $$
  select btrim(regexp_replace(
    replace(replace(replace(replace(
      translate(
        lower(value),
        'ÄÖÜẞÀÁÂÃÅÈÉÊËÌÍÎÏÒÓÔÕØÙÚÛÝÇÑŠŽČŘŁŚŹŻĆŃäöüàáâãåèéêëìíîïòóôõøùúûýÿçñšžčřłśźżćń',
        'aoußaaaaaeeeeiiiiooooouuuycnszcrlszzcnaouaaaaaeeeeiiiiooooouuuyycnszcrlszzcn'
      ),
      'ß', 'ss'), 'ae', 'a'), 'oe', 'o'), 'ue', 'u'),
    '[^a-z0-9]+', ' ', 'g'))
$$;


-- The folded texts of every searchable row, kept current by triggers so that a search reads
-- folded text instead of folding every row again: name_f (the name), near_f (name and
-- address-like columns) and all_f (those and the descriptions). Which columns are searched is
-- given per table in the trigger's arguments: the public properties listed in
-- backend/src/search/search-fields.ts (a test compares both). Interim uses are a view over
-- agreements and are folded at query time instead.
create table search_texts (
  table_name text not null,
  id bigint not null,
  name_f text not null,
  near_f text not null,
  all_f text not null,
  primary key (table_name, id)
);

create function search_texts_of(doc jsonb, secondary text[], body text[])
returns table (name_f text, near_f text, all_f text)
language sql immutable parallel safe as $$
  select search_fold(coalesce(doc ->> 'name', '')),
         search_fold(concat_ws(' ', doc ->> 'name', near.texts)),
         search_fold(concat_ws(' ', doc ->> 'name', near.texts, far.texts))
    from (select string_agg(doc ->> c, ' ') as texts from unnest(secondary) as c) as near,
         (select string_agg(doc ->> c, ' ') as texts from unnest(body) as c) as far
$$;

-- Trigger: tg_argv[0] lists the address-like columns, tg_argv[1] the description columns.
create function search_texts_sync() returns trigger
language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    delete from search_texts where table_name = tg_table_name and id = old.id;
    return null;
  end if;
  insert into search_texts (table_name, id, name_f, near_f, all_f)
  select tg_table_name, new.id, t.name_f, t.near_f, t.all_f
    from search_texts_of(to_jsonb(new) - 'geom', string_to_array(tg_argv[0], ','),
                         string_to_array(tg_argv[1], ',')) as t
  on conflict (table_name, id) do update
    set name_f = excluded.name_f, near_f = excluded.near_f, all_f = excluded.all_f;
  return null;
end $$;

do $$
declare
  searched text[] := array[
    array['plots', 'address,gemarkung,flurstueck', 'description,previous_use'],
    array['places', 'address,organisation', 'description,schedule'],
    array['programme_areas', 'local_office,local_office_address', 'description,sponsor,commissioning_office'],
    array['districts', 'key', ''],
    array['quarters', 'code', 'description'],
    array['measures', '', 'description'],
    array['links', 'surface', 'description']
  ];
  entry text[];
begin
  foreach entry slice 1 in array searched loop
    execute format('create trigger %I after insert or update or delete on %I for each row '
                   'execute function search_texts_sync(%L, %L)',
                   entry[1] || '_search', entry[1], entry[2], entry[3]);
    execute format('insert into search_texts (table_name, id, name_f, near_f, all_f) '
                   'select %L, t.id, s.name_f, s.near_f, s.all_f from %I t, '
                   'search_texts_of(to_jsonb(t) - ''geom'', string_to_array(%L, '',''), string_to_array(%L, '','')) s',
                   entry[1], entry[1], entry[2], entry[3]);
  end loop;
end $$;

-- Quartiersatlas foundation: municipalities, every map layer, parties, agreements, offers,
-- users and the change history. Geometry is stored in WGS 84 (SRID 4326, 2D); areas and
-- lengths are computed by triggers in the municipality's official CRS.

create extension if not exists postgis;

-- Facts about this installation, e.g. when the demo data was loaded.
create table app_state (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

-- Municipalities ------------------------------------------------------------------------------

create table municipalities (
  ags char(8) primary key check (ags ~ '^[0-9]{8}$'),
  name text not null,
  official_srid integer not null check (official_srid in (25832, 25833, 31468, 31469)),
  is_default boolean not null default false
);
create unique index municipalities_one_default on municipalities (is_default) where is_default;

insert into municipalities (ags, name, official_srid, is_default) values
  ('14713000', 'Leipzig', 25833, true),
  ('05913000', 'Dortmund', 25832, false);

-- The municipality a new row belongs to when none is given.
create function default_municipality() returns char(8)
language sql stable as $$ select ags from municipalities where is_default $$;

-- The official CRS of a municipality, for areas and lengths in metres.
create function official_srid(municipality char(8)) returns integer
language sql stable as $$ select official_srid from municipalities where ags = municipality $$;

-- Shared trigger functions ------------------------------------------------------------------

-- Every update bumps the row version (used as the ETag for optimistic locking).
create function bump_version() returns trigger
language plpgsql as $$
begin
  new.version := old.version + 1;
  new.updated_at := now();
  new.created_at := old.created_at;
  return new;
end $$;

-- Area in m² in the official CRS, for polygon layers.
create function compute_area() returns trigger
language plpgsql as $$
begin
  new.area_m2 := round(st_area(st_transform(new.geom, official_srid(new.municipality)))::numeric, 2);
  return new;
end $$;

-- Length in m in the official CRS, for line layers.
create function compute_length() returns trigger
language plpgsql as $$
begin
  new.length_m := round(st_length(st_transform(new.geom, official_srid(new.municipality)))::numeric, 2);
  return new;
end $$;

-- Both, for layers of any geometry type (one of them is zero).
create function compute_area_and_length() returns trigger
language plpgsql as $$
declare
  projected geometry := st_transform(new.geom, official_srid(new.municipality));
begin
  new.area_m2 := round(st_area(projected)::numeric, 2);
  new.length_m := round(st_length(projected)::numeric, 2);
  return new;
end $$;

-- Users and parties -------------------------------------------------------------------------

-- A party takes part in agreements and offers: a person, an organisation or a public body.
-- Only an organisation's or public body's name is public; contact data lives in party_contacts.
create table parties (
  id bigint generated always as identity primary key,
  municipality char(8) not null default default_municipality() references municipalities,
  kind text not null default 'organisation' check (kind in ('person', 'organisation', 'public_body')),
  public_name text check (kind <> 'person' or public_name is null),
  external_id text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (municipality, external_id)
);

-- Personal and contact data of a party: never part of a public response.
create table party_contacts (
  party_id bigint primary key references parties on delete cascade,
  contact_name text,
  street_address text,
  postcode text,
  city text,
  email text,
  phone text,
  notes text,
  updated_at timestamptz not null default now()
);

create table users (
  id bigint generated always as identity primary key,
  email text not null,
  password_hash text,
  role text not null check (role in ('admin', 'planner', 'owner', 'resident')),
  display_name text,
  party_id bigint references parties on delete set null,
  disabled_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_unique on users (lower(email));

-- Layers ------------------------------------------------------------------------------------
-- Every layer table has: id, municipality, external_id (stable key for seeds and re-imports),
-- approximate (the geometry is a sketch), version, created_at, updated_at, and a typed,
-- indexed, valid and non-empty geometry.

create table districts (
  id bigint generated always as identity primary key,
  municipality char(8) not null default default_municipality() references municipalities,
  key text not null,
  name text not null,
  parent_key text,
  external_id text,
  approximate boolean not null default false,
  geom geometry(MultiPolygon, 4326) not null
    check (st_isvalid(geom) and not st_isempty(geom)),
  area_m2 numeric(14, 2) not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (municipality, key),
  unique (municipality, external_id)
);

create table programme_areas (
  id bigint generated always as identity primary key,
  municipality char(8) not null default default_municipality() references municipalities,
  name text not null,
  programme text not null default 'szp'
    check (programme in ('szp', 'stadtumbau', 'urban_ii', 'efre', 'other')),
  period_start date,
  period_end date check (period_end is null or period_start is null or period_end >= period_start),
  status text not null default 'running' check (status in ('planned', 'running', 'continued', 'ended')),
  commissioning_office text,
  sponsor text,
  local_office text,
  local_office_address text,
  budget_eur numeric(14, 2) check (budget_eur is null or budget_eur >= 0),
  description text,
  external_id text,
  approximate boolean not null default false,
  geom geometry(MultiPolygon, 4326) not null
    check (st_isvalid(geom) and not st_isempty(geom)),
  area_m2 numeric(14, 2) not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (municipality, external_id)
);

create table plots (
  id bigint generated always as identity primary key,
  municipality char(8) not null default default_municipality() references municipalities,
  name text not null,
  address text,
  gemarkung text,
  flur text,
  flurstueck text,
  previous_use text,
  contamination text not null default 'unknown'
    check (contamination in ('none', 'suspected', 'confirmed', 'remediated', 'unknown')),
  status text not null default 'fallow'
    check (status in ('fallow', 'offered', 'interim_use', 'developed', 'sealed_off')),
  description text,
  owner_party_id bigint references parties on delete set null,
  internal_notes text,
  external_id text,
  approximate boolean not null default false,
  geom geometry(MultiPolygon, 4326) not null
    check (st_isvalid(geom) and not st_isempty(geom)),
  area_m2 numeric(14, 2) not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (municipality, external_id)
);

create table quarters (
  id bigint generated always as identity primary key,
  municipality char(8) not null default default_municipality() references municipalities,
  name text not null,
  code text,
  description text,
  external_id text,
  approximate boolean not null default false,
  geom geometry(MultiPolygon, 4326) not null
    check (st_isvalid(geom) and not st_isempty(geom)),
  area_m2 numeric(14, 2) not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (municipality, external_id)
);

create table fields_of_action (
  key text primary key check (key ~ '^[a-z_]+$'),
  name_de text not null,
  name_en text not null,
  sort integer not null default 0
);

insert into fields_of_action (key, name_de, name_en, sort) values
  ('neighbourhood', 'Zusammenleben und Nachbarschaft', 'Living together and neighbourhood', 1),
  ('social_infrastructure', 'Soziale Aktivitäten und soziale Infrastruktur', 'Social activities and social infrastructure', 2),
  ('education', 'Bildung', 'Education', 3),
  ('urban_space', 'Städtebau, Wohnen, Klima', 'Urban space, housing, climate', 4),
  ('safety', 'Ordnung und Sicherheit', 'Order and safety', 5),
  ('open_space_mobility', 'Freiraum und Mobilität', 'Open space and mobility', 6),
  ('local_economy', 'Lokale Ökonomie und Beschäftigung', 'Local economy and employment', 7),
  ('participation', 'Öffentlichkeitsarbeit, Beteiligung und Ehrenamt', 'Public relations, participation and volunteering', 8);

create table measures (
  id bigint generated always as identity primary key,
  municipality char(8) not null default default_municipality() references municipalities,
  name text not null,
  quarter_id bigint references quarters on delete set null,
  field_of_action text not null default 'urban_space' references fields_of_action,
  description text,
  priority text not null default 'medium' check (priority in ('high', 'medium', 'low')),
  status text not null default 'idea' check (status in ('idea', 'planned', 'in_progress', 'done', 'dropped')),
  time_frame text not null default 'medium' check (time_frame in ('short', 'medium', 'long')),
  external_id text,
  approximate boolean not null default false,
  geom geometry(Geometry, 4326) not null
    check (st_isvalid(geom) and not st_isempty(geom)),
  area_m2 numeric(14, 2) not null default 0,
  length_m numeric(14, 2) not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (municipality, external_id)
);

create table links (
  id bigint generated always as identity primary key,
  municipality char(8) not null default default_municipality() references municipalities,
  name text not null,
  mode text not null default 'both' check (mode in ('foot', 'bike', 'both')),
  status text not null default 'planned' check (status in ('existing', 'planned', 'under_construction', 'gap')),
  surface text,
  priority text not null default 'medium' check (priority in ('high', 'medium', 'low')),
  from_quarter_id bigint references quarters on delete set null,
  to_quarter_id bigint references quarters on delete set null,
  description text,
  external_id text,
  approximate boolean not null default false,
  geom geometry(MultiLineString, 4326) not null
    check (st_isvalid(geom) and not st_isempty(geom)),
  length_m numeric(14, 2) not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (municipality, external_id)
);

create table places (
  id bigint generated always as identity primary key,
  municipality char(8) not null default default_municipality() references municipalities,
  name text not null,
  kind text not null default 'project'
    check (kind in ('project', 'office', 'garden', 'sports', 'gallery', 'event', 'festival', 'market', 'other')),
  description text,
  address text,
  organisation text,
  starts_on date,
  ends_on date check (ends_on is null or starts_on is null or ends_on >= starts_on),
  schedule text,
  url text,
  external_id text,
  approximate boolean not null default false,
  geom geometry(Point, 4326) not null
    check (st_isvalid(geom) and not st_isempty(geom)),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (municipality, external_id)
);

-- Offers and agreements ---------------------------------------------------------------------

-- An owner's offer of land for interim use.
create table offers (
  id bigint generated always as identity primary key,
  municipality char(8) not null default default_municipality() references municipalities,
  owner_user_id bigint references users on delete set null,
  owner_party_id bigint references parties on delete set null,
  plot_id bigint references plots on delete set null,
  title text not null default 'Flächenangebot',
  status text not null default 'submitted'
    check (status in ('draft', 'submitted', 'changes_requested', 'accepted', 'declined', 'withdrawn')),
  available_from date,
  available_until date check (available_until is null or available_from is null or available_until >= available_from),
  allowed_uses text[] not null default '{}'
    check (allowed_uses <@ array['community_garden', 'sports_leisure', 'art', 'playground', 'event_space', 'parking', 'other']),
  conditions text,
  review_reason text,
  external_id text,
  geom geometry(MultiPolygon, 4326)
    check (geom is null or (st_isvalid(geom) and not st_isempty(geom))),
  area_m2 numeric(14, 2),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (municipality, external_id)
);

-- An interim-use agreement (in Leipzig the Gestattungsvereinbarung) over one or more plots.
create table agreements (
  id bigint generated always as identity primary key,
  municipality char(8) not null default default_municipality() references municipalities,
  name text not null,
  use text not null default 'community_garden'
    check (use in ('community_garden', 'sports_leisure', 'open_air_gallery', 'playground', 'event_space', 'parking', 'other')),
  status text not null default 'draft'
    check (status in ('draft', 'negotiating', 'signed', 'active', 'ending', 'ended', 'terminated')),
  term_start date,
  term_end date check (term_end is null or term_start is null or term_end >= term_start),
  notice_period_months integer check (notice_period_months is null or notice_period_months >= 0),
  public_access boolean not null default true,
  upkeep_by text,
  insurance_by text,
  clearance_paid_by text,
  conditions text,
  internal_notes text,
  description text,
  offer_id bigint references offers on delete set null,
  external_id text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (municipality, external_id)
);

create table agreement_plots (
  agreement_id bigint not null references agreements on delete cascade,
  plot_id bigint not null references plots on delete restrict,
  primary key (agreement_id, plot_id)
);
create index agreement_plots_plot on agreement_plots (plot_id);

create table agreement_parties (
  agreement_id bigint not null references agreements on delete cascade,
  party_id bigint not null references parties on delete restrict,
  role text not null check (role in ('owner', 'user', 'city', 'intermediary')),
  primary key (agreement_id, party_id, role)
);
create index agreement_parties_party on agreement_parties (party_id);

-- Dated, attributed lifecycle steps of an agreement.
create table agreement_transitions (
  id bigint generated always as identity primary key,
  agreement_id bigint not null references agreements on delete cascade,
  from_status text,
  to_status text not null,
  reason text,
  changed_by bigint references users on delete set null,
  changed_at timestamptz not null default now()
);
create index agreement_transitions_agreement on agreement_transitions (agreement_id, changed_at);

-- The public face of running agreements: use, term, the organisations using the land and the
-- plots' geometry. No persons, conditions or notes.
create view interim_uses as
select a.id, a.municipality, a.name, a.use, a.status, a.term_start, a.term_end, a.public_access,
       a.description,
       (select string_agg(p.public_name, ', ' order by p.public_name)
          from agreement_parties ap join parties p on p.id = ap.party_id
         where ap.agreement_id = a.id and ap.role = 'user' and p.kind <> 'person') as organisation,
       st_multi(st_union(pl.geom))::geometry(MultiPolygon, 4326) as geom,
       sum(pl.area_m2) as area_m2,
       a.version, a.created_at, a.updated_at
  from agreements a
  join agreement_plots ap on ap.agreement_id = a.id
  join plots pl on pl.id = ap.plot_id
 where a.status in ('active', 'ending')
 group by a.id;

-- History -----------------------------------------------------------------------------------

-- Every change to a layer row: who (quartiersatlas.user_id, set per transaction), when, and the
-- row before and after as JSON (geometry as GeoJSON).
create table history (
  id bigint generated always as identity primary key,
  table_name text not null,
  row_id bigint not null,
  operation text not null check (operation in ('insert', 'update', 'delete')),
  version integer,
  changed_by bigint references users on delete set null,
  changed_at timestamptz not null default now(),
  before jsonb,
  after jsonb
);
create index history_row on history (table_name, row_id, changed_at);

create function record_history() returns trigger
language plpgsql as $$
declare
  actor bigint := nullif(current_setting('quartiersatlas.user_id', true), '')::bigint;
begin
  if tg_op = 'INSERT' then
    insert into history (table_name, row_id, operation, version, changed_by, after)
    values (tg_table_name, new.id, 'insert', new.version, actor, to_jsonb(new));
  elsif tg_op = 'UPDATE' then
    insert into history (table_name, row_id, operation, version, changed_by, before, after)
    values (tg_table_name, new.id, 'update', new.version, actor, to_jsonb(old), to_jsonb(new));
  else
    insert into history (table_name, row_id, operation, version, changed_by, before)
    values (tg_table_name, old.id, 'delete', old.version, actor, to_jsonb(old));
  end if;
  return null;
end $$;

-- Triggers and indexes per table --------------------------------------------------------------

do $$
declare
  t text;
begin
  foreach t in array array['districts', 'programme_areas', 'plots', 'quarters', 'measures', 'links',
                           'places', 'offers', 'agreements', 'parties', 'users'] loop
    execute format('create trigger %I before update on %I for each row execute function bump_version()',
                   t || '_version', t);
  end loop;
  foreach t in array array['districts', 'programme_areas', 'plots', 'quarters', 'measures', 'links',
                           'places', 'offers', 'agreements'] loop
    execute format('create trigger %I after insert or update or delete on %I for each row execute function record_history()',
                   t || '_history', t);
  end loop;
  foreach t in array array['districts', 'programme_areas', 'plots', 'quarters', 'measures', 'links',
                           'places', 'offers'] loop
    execute format('create index %I on %I using gist (geom)', t || '_geom', t);
  end loop;
  foreach t in array array['districts', 'programme_areas', 'plots', 'quarters', 'offers'] loop
    execute format('create trigger %I before insert or update of geom, municipality on %I for each row execute function compute_area()',
                   t || '_area', t);
  end loop;
end $$;

create trigger links_length before insert or update of geom, municipality on links
  for each row execute function compute_length();
create trigger measures_measurements before insert or update of geom, municipality on measures
  for each row execute function compute_area_and_length();

create index measures_quarter on measures (quarter_id);
create index measures_field on measures (field_of_action);
create index plots_status on plots (status);
create index agreements_status on agreements (status);
create index offers_owner on offers (owner_user_id);

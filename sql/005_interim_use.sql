-- Interim use end to end: agreement documents, in-app notifications and the mail outbox, the
-- audit log of personal-data access, erasure records, and which programme areas a planner
-- works in.

-- Planner ↔ programme area. A planner with no row here works city-wide (the usual small QM
-- team or city office); with rows, only on offers, plots and agreements that touch one of the
-- assigned areas. Generic on purpose: editing rights on layers reuse the same rule.
create table planner_areas (
  user_id bigint not null references users on delete cascade,
  programme_area_id bigint not null references programme_areas on delete cascade,
  primary key (user_id, programme_area_id)
);
create index planner_areas_area on planner_areas (programme_area_id);

-- Whether a user may act on something at `geom` under the programme-area rule above (admins and
-- other roles are decided by the caller; this answers for planners).
-- (Arguments are qualified with the function's name: a bare `geom` would mean the column.)
create function planner_may_act(planner bigint, place geometry) returns boolean
language sql stable as $$
  select not exists (select 1 from planner_areas where user_id = planner_may_act.planner)
      or exists (select 1 from planner_areas pa join programme_areas a on a.id = pa.programme_area_id
                  where pa.user_id = planner_may_act.planner and st_intersects(a.geom, planner_may_act.place))
$$;

-- Agreement documents (the signed contract, plans, photos as PDF). The bytes live in the
-- database: they are then in every backup and copy of it, deleted and erased in the same
-- transaction as their agreement, and identical on the embedded and the server engine; the
-- 10 MB limit per file keeps that cheap.
create table agreement_documents (
  id bigint generated always as identity primary key,
  agreement_id bigint not null references agreements on delete cascade,
  filename text not null check (length(filename) between 1 and 255),
  content_type text not null default 'application/pdf',
  size_bytes integer not null check (size_bytes > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  uploaded_by bigint references users on delete set null,
  uploaded_at timestamptz not null default now()
);
create index agreement_documents_agreement on agreement_documents (agreement_id);

-- In-app notifications. A dedupe key makes scheduled reminders idempotent per user.
create table notifications (
  id bigint generated always as identity primary key,
  user_id bigint not null references users on delete cascade,
  kind text not null check (kind ~ '^[a-z_.-]+$'),
  subject text not null,
  body text not null,
  resource text,
  dedupe_key text,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_user on notifications (user_id, created_at desc);
create unique index notifications_dedupe on notifications (user_id, dedupe_key) where dedupe_key is not null;

-- Mails waiting for a mailer: it sends rows where sent_at is null and sets sent_at.
create table outbox (
  id bigint generated always as identity primary key,
  notification_id bigint references notifications on delete cascade,
  recipient text not null,
  subject text not null,
  body text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index outbox_unsent on outbox (created_at) where sent_at is null;

-- Who read or changed personal data, when, and which row. Holds ids only, never the data itself,
-- so it can be kept after an erasure.
create table audit_log (
  id bigint generated always as identity primary key,
  actor_id bigint references users on delete set null,
  action text not null check (action in ('read', 'create', 'update', 'delete', 'export', 'erase', 'download')),
  table_name text not null,
  row_id bigint,
  at timestamptz not null default now()
);
create index audit_log_row on audit_log (table_name, row_id, at);
create index audit_log_actor on audit_log (actor_id, at);

-- That an erasure happened: whose account, who asked, when and what was done (counts only).
create table erasures (
  id bigint generated always as identity primary key,
  user_id bigint not null,
  requested_by bigint references users on delete set null,
  erased_at timestamptz not null default now(),
  summary jsonb not null default '{}'
);
create index erasures_user on erasures (user_id);

create index offers_status on offers (status);
create index agreements_term_end on agreements (term_end) where status in ('active', 'ending');

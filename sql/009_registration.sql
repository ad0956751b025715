-- Self-registration without telling anyone which addresses have accounts: every request is
-- answered the same and confirmed by e-mail. A registration waits here until its link is used;
-- the account is created only then. Rows are kept a day, long enough to count registrations per
-- address and per e-mail over the last hour, and are pruned as new ones arrive.
create table registrations (
  id bigint generated always as identity primary key,
  email text not null,
  client text not null,
  -- Null when the address already had an account: nothing to confirm, a notice was mailed instead.
  token_hash text unique check (token_hash ~ '^[0-9a-f]{64}$'),
  password_hash text,
  role text check (role in ('owner', 'resident')),
  display_name text,
  organisation text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '24 hours',
  confirmed_at timestamptz
);
create index registrations_email on registrations (lower(email), created_at);
create index registrations_client on registrations (client, created_at);

-- An organisation named by an owner (at registration or their first offer) is unconfirmed until
-- a planner or admin confirms it, so nobody can pose as an existing organisation towards planners.
-- Parties that exist already, and those a planner or the demo data create, count as confirmed.
alter table parties add column confirmed_at timestamptz default now();
alter table parties add column confirmed_by bigint references users on delete set null;

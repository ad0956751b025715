-- Accounts: sessions, personal API tokens and the login rate limit. Secrets are never stored:
-- a session id and an API token are random 32-byte values kept only as their SHA-256 (hex), so
-- a copy of the database cannot be used to sign in.

create table sessions (
  id_hash text primary key check (id_hash ~ '^[0-9a-f]{64}$'),
  user_id bigint not null references users on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now()
);
create index sessions_user on sessions (user_id);
create index sessions_expires on sessions (expires_at);

create table api_tokens (
  id bigint generated always as identity primary key,
  user_id bigint not null references users on delete cascade,
  name text not null check (length(name) between 1 and 100),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user on api_tokens (user_id);

-- Failed sign-ins, counted per e-mail and per client address over a sliding window. Kept in the
-- database rather than in memory so that the limit holds across restarts and across several app
-- instances behind one proxy; rows older than the window are pruned as new failures arrive.
create table login_failures (
  id bigint generated always as identity primary key,
  email text not null,
  client text not null,
  failed_at timestamptz not null default now()
);
create index login_failures_email on login_failures (email, failed_at);
create index login_failures_client on login_failures (client, failed_at);

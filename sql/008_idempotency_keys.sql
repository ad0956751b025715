-- Idempotency-Key on POST: the first answer to a key, stored in the transaction of its write, so
-- that a retry after a lost answer gets the same answer and creates nothing twice. Kept 24 hours.
create table idempotency_keys (
  scope text not null,
  key text not null,
  fingerprint text not null,
  status smallint not null check (status between 200 and 299),
  headers jsonb not null,
  body bytea not null,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);
create index idempotency_keys_created_at on idempotency_keys (created_at);

-- E-mail delivery of the outbox: each user's language and the kinds of notice they do not want
-- by e-mail; on each mail what the mailer needs to send it once across replicas and to retry it.
-- Rewrites no large table: the new columns' defaults are constants or now() (stored once in the
-- catalogue, PostgreSQL ≥ 11), plots are untouched, and only the outbox's rows are updated.

alter table users add column language text not null default 'de' check (language in ('de', 'en'));

-- Kinds of notice (topics, see mail-topics.ts) a user wants in the app only. No row: by e-mail too.
create table mail_opt_outs (
  user_id bigint not null references users on delete cascade,
  topic text not null check (topic in ('offer-status', 'offer-review', 'agreement-status', 'agreement-ending')),
  primary key (user_id, topic)
);

-- subject and body are in the recipient's `language`; the mailer adds why they get it and the
-- link to their settings. A mailer claims a row until `claimed_until` (its lease): another
-- replica takes it over only after a crash let the lease run out. A failed attempt waits until
-- `next_attempt_at` (exponential backoff); a permanent refusal sets `failed_at`.
alter table outbox
  add column kind text,
  add column language text not null default 'de' check (language in ('de', 'en')),
  add column attempts integer not null default 0,
  add column next_attempt_at timestamptz not null default now(),
  add column claimed_by text,
  add column claimed_until timestamptz,
  add column last_error text,
  add column failed_at timestamptz;
-- Mails queued before this migration: their kind from their notification (every mail has one).
update outbox o set kind = n.kind from notifications n where n.id = o.notification_id;
delete from outbox where kind is null;
alter table outbox alter column kind set not null;
drop index outbox_unsent;
create index outbox_due on outbox (next_attempt_at) where sent_at is null and failed_at is null;

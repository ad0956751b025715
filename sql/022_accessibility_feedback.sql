-- Reports of barriers from the accessibility statement's feedback form (issue 21; BITV 2.0 § 7
-- asks for a way to report them). Kept so that the answer an admin owes can be traced; `client`
-- (the sender's network address) only limits how often one address may send.
create table accessibility_feedback (
  id         bigint generated always as identity primary key,
  message    text not null check (length(message) between 1 and 4000),
  page       text check (length(page) <= 500),
  email      text check (length(email) <= 254),
  language   text not null default 'de' check (language in ('de', 'en')),
  client     text not null,
  created_at timestamptz not null default now()
);

create index accessibility_feedback_client on accessibility_feedback (client, created_at);

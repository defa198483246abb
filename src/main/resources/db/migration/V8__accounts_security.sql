-- Accounts made safe to expose (issue 8): login throttling, a sign-up limit per client address, the installation's
-- own secret (CSRF tokens are HMACs under it, so every node of a cluster shares it), and ids and last use for tokens
-- so a user can list and revoke them.

-- Failed (or in-flight) log-ins per key: 'account:<SHA-256 of the lower-cased email>' or 'address:<client address>'.
-- A key that has had no failure for a while is forgotten (see LoginThrottle); the hourly purge deletes it.
create table login_failures (
  key             text        primary key,
  failures        int         not null,
  last_failure_at timestamptz not null,
  constraint login_failures_failures_check check (failures >= 0)
);
create index login_failures_last_idx on login_failures (last_failure_at);

-- Sign-ups per client address in a fixed one-hour window.
create table signup_counts (
  address      text        primary key,
  window_start timestamptz not null,
  count        int         not null
);
create index signup_counts_window_idx on signup_counts (window_start);

-- Random per installation, created by the first node that starts (insert ... on conflict do nothing).
create table server_secrets (
  name       text        primary key,
  value      bytea       not null,
  created_at timestamptz not null default now(),
  constraint server_secrets_value_check check (length(value) >= 32)
);

-- A token is named by a number in lists and DELETE /api/tokens/{id}; its hash never leaves the server.
alter table auth_tokens add column id bigint generated always as identity;
alter table auth_tokens add constraint auth_tokens_id_key unique (id);
alter table auth_tokens add column last_used_at timestamptz;
-- never used: CSRF tokens are derived from the session token (Auth), not stored
alter table auth_tokens drop column csrf_token;
create index auth_tokens_expires_idx on auth_tokens (expires_at);
-- API tokens now expire 7 days after their last use (30 days after issue at most): existing ones follow the rule
update auth_tokens set expires_at = least(expires_at, now() + interval '7 days') where kind = 'api';

-- Issue 11, item 7: recommendations. A scheduled discovery per user over the user's own watch-list (else the
-- WATCHLIST env, or the sandbox board) and saved searches; new postings are scored into a feed. Nothing here applies:
-- a recommendation becomes a job only when the user starts a run.

-- One row per user who set up discovery. interval_hours null: RECOMMEND_EVERY_HOURS. last_run_at: when a scheduled
-- (or manual) pass last claimed this user; last_refresh_at: the last "Refresh now" (at most one a minute).
create table recommend_settings (
  user_id         bigint      primary key references users (id) on delete cascade,
  watchlist       text[]      not null default '{}',
  interval_hours  int,
  last_run_at     timestamptz,
  last_refresh_at timestamptz,
  updated_at      timestamptz not null default now(),
  constraint recommend_settings_interval_range check (interval_hours is null or interval_hours between 1 and 720),
  constraint recommend_settings_watchlist_size check (cardinality(watchlist) <= 100)
);

-- A saved search: postings whose title matches the position at the level (and, when set, whose location contains
-- the location) are recommended.
create table recommend_searches (
  id         bigserial   primary key,
  user_id    bigint      not null references users (id) on delete cascade,
  position   text        not null,
  level      text        not null,
  location   text,
  created_at timestamptz not null default now(),
  constraint recommend_searches_level_check check (level in ('entry', 'mid', 'senior'))
);
create index recommend_searches_user on recommend_searches (user_id);

-- The feed: each posting once per user, scored against the user's profile when found.
create table recommendations (
  id           bigserial   primary key,
  user_id      bigint      not null references users (id) on delete cascade,
  source       text        not null,
  board        text        not null,
  external_id  text        not null,
  title        text        not null,
  company      text,
  location     text,
  url          text,
  api_url      text,
  score        int,
  score_detail jsonb,
  found_at     timestamptz not null default now(),
  dismissed_at timestamptz,
  constraint recommendations_once unique (user_id, source, board, external_id),
  constraint recommendations_score_range check (score is null or score between 0 and 100)
);
create index recommendations_feed on recommendations (user_id, found_at desc, score desc) where dismissed_at is null;

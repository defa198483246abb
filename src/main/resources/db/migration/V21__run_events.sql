-- Issue 12: what happened to a run as a whole, not to one of its jobs: a source the search could not read (an
-- unknown board, a board answering 500, Serper failing). Shown on the run page and in GET /api/search/{run}.
create table run_events (
  id      bigserial   constraint run_events_pkey primary key,
  run_id  bigint      not null constraint run_events_run_fkey references runs (id) on delete cascade,
  user_id bigint      not null constraint run_events_user_fkey references users (id) on delete cascade,
  at      timestamptz not null default clock_timestamp(),
  kind    text        not null constraint run_events_kind_check check (kind in ('problem')),
  source  text        not null constraint run_events_source_length check (length(source) between 1 and 300),
  message text        not null constraint run_events_message_length check (length(message) between 1 and 2000),
  data    jsonb       not null default '{}'::jsonb
);
create index run_events_run_idx on run_events (run_id, user_id, id);

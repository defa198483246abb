-- Issue 13: what every LLM request cost, one row per request or cache hit, so that the day's and the run's budgets,
-- the tokens of a job (job page), of a run (run page) and of a user today and this month (settings page) are all
-- read from one place, shared by every node and kept across restarts. It replaces llm_token_use (V19).
--
-- A request is first written as 'reserved' with its counted cost (prompt tokens counted before the call plus the
-- answer's max_tokens), under a per-account advisory lock and only if the day's and the run's budgets leave room;
-- the answer replaces the reservation by what the server reports ('answered'), a failed request gives it back
-- ('failed', tokens 0). A cache hit is a row 'cached' with tokens 0, so a job page can say "from the cache".
-- account: which provider account's limits the request counts against (a hash of base URL and key; never the key).
create table llm_calls (
  id                bigserial   constraint llm_calls_pkey primary key,
  user_id           bigint      not null constraint llm_calls_user_fkey references users (id) on delete cascade,
  run_id            bigint      constraint llm_calls_run_fkey references runs (id) on delete set null,
  job_id            bigint      constraint llm_calls_job_fkey references jobs (id) on delete set null,
  account           text        not null,
  model             text        not null,
  purpose           text        not null constraint llm_calls_purpose_length check (length(purpose) between 1 and 60),
  state             text        not null constraint llm_calls_state_check
                                  check (state in ('reserved', 'answered', 'failed', 'cached')),
  counted_tokens    integer     not null constraint llm_calls_counted_check check (counted_tokens >= 0),
  prompt_tokens     integer     not null default 0 constraint llm_calls_prompt_check check (prompt_tokens >= 0),
  completion_tokens integer     not null default 0 constraint llm_calls_completion_check check (completion_tokens >= 0),
  tokens            integer     not null constraint llm_calls_tokens_check check (tokens >= 0),
  day               date        not null default ((now() at time zone 'utc')::date),
  at                timestamptz not null default clock_timestamp()
);
create index llm_calls_account_day_idx on llm_calls (account, day);
create index llm_calls_user_day_idx on llm_calls (user_id, day);
create index llm_calls_run_idx on llm_calls (run_id) where run_id is not null;
create index llm_calls_job_idx on llm_calls (job_id) where job_id is not null;

-- A cached answer that was invalid after its one request is kept as refused ('invalid', with why), so the same
-- request is not paid for again; an answer the fact gate refused stays cached as it was answered and is gated again
-- on every hit ('refused' records that it was).
alter table llm_cache add column verdict text not null default 'ok'
  constraint llm_cache_verdict_check check (verdict in ('ok', 'invalid', 'refused'));
alter table llm_cache add column problems text;

-- Run-wide notices: besides a source that could not be read, that the LLM's budget for the day or the run is spent
-- (said once per run).
alter table run_events drop constraint run_events_kind_check;
alter table run_events add constraint run_events_kind_check check (kind in ('problem', 'llm'));
create unique index run_events_llm_once_idx on run_events (run_id, source) where kind = 'llm';

drop table llm_token_use;

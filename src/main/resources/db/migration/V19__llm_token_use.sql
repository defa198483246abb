-- Issue 12: the LLM tokens each run has spent, in Postgres instead of one node's memory, so every node counts
-- against one budget and a restart does not reset it. LlmClient reserves an estimate under the row's lock before
-- a call (never past the budget) and replaces it with the tokens the server reports afterwards. The key is the
-- client's run key ("run-<id>").
create table llm_token_use (
  run_key    text        primary key,
  used       bigint      not null default 0,
  updated_at timestamptz not null default now(),
  constraint llm_token_use_used_check check (used >= 0)
);

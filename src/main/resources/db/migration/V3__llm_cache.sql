-- LLM responses already paid for: the same model, prompts and schema give the validated answer without a call.
-- key = SHA-256 hex of model, system prompt, user prompt and schema (computed by io.applyflow.llm.LlmClient).
create table llm_cache (
  key        text        not null,
  model      text        not null,
  response   jsonb       not null,
  created_at timestamptz not null default now(),
  constraint llm_cache_pkey primary key (key)
);

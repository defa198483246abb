-- Issue 13: a user's own LLM server, model and key (the settings page). The key is stored only sealed
-- (AES-256-GCM, the user's id bound to it) under a master key that is never in the database: APPLYFLOW_SECRET_KEY or
-- DATA_DIR/secret.key. A dump of this table alone reveals no key. No row: the installation's LLM_* settings apply.
create table llm_settings (
  user_id        bigint      constraint llm_settings_pkey primary key
                             constraint llm_settings_user_fkey references users (id) on delete cascade,
  base_url       text        constraint llm_settings_base_url_length check (length(base_url) between 1 and 2048),
  model          text        constraint llm_settings_model_length check (length(model) between 1 and 200),
  api_key_sealed bytea       constraint llm_settings_key_length check (length(api_key_sealed) between 29 and 1000),
  updated_at     timestamptz not null default now()
);

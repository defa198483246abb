-- Applyflow schema, version 1. Every user-owned table carries user_id and every query filters by it.

create table users (
  id            bigserial primary key,
  email         text        not null,
  name          text        not null,
  password_hash text        not null,
  created_at    timestamptz not null default now(),
  constraint users_email_key unique (email)
);

-- Bearer tokens (kind 'api') and browser sessions (kind 'web'); only a SHA-256 of the token is stored.
create table auth_tokens (
  token_hash  text        primary key,
  user_id     bigint      not null references users (id) on delete cascade,
  kind        text        not null,
  csrf_token  text,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null,
  constraint auth_tokens_kind_check check (kind in ('api', 'web'))
);
create index auth_tokens_user_idx on auth_tokens (user_id);

-- The JSON Resume document and the applicant's answers (phone, links, work authorisation, EEOC...).
create table profiles (
  user_id    bigint      primary key references users (id) on delete cascade,
  resume     jsonb       not null,
  applicant  jsonb       not null default '{}'::jsonb,
  updated_at timestamptz not null default now()
);

create table runs (
  id          bigserial   primary key,
  user_id     bigint      not null references users (id) on delete cascade,
  position    text        not null,
  level       text        not null,
  location    text,
  job_limit   int         not null,
  mode        text        not null,
  status      text        not null default 'running',
  error       text,
  created_at  timestamptz not null default now(),
  finished_at timestamptz,
  constraint runs_level_check check (level in ('entry', 'mid', 'senior')),
  constraint runs_mode_check check (mode in ('review', 'auto')),
  constraint runs_status_check check (status in ('running', 'done', 'failed'))
);
create index runs_user_idx on runs (user_id, created_at desc);

create table jobs (
  id                bigserial   primary key,
  run_id            bigint      not null references runs (id) on delete cascade,
  user_id           bigint      not null references users (id) on delete cascade,
  source            text        not null,
  board             text        not null,
  external_id       text        not null,
  api_url           text        not null,
  url               text        not null,
  title             text        not null,
  company           text        not null,
  location          text,
  posted_at         timestamptz,
  status            text        not null default 'discovered',
  description_html  text,
  description_text  text,
  questions         jsonb,
  score             int,
  matching_keywords jsonb,
  missing_keywords  jsonb,
  tailored          jsonb,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  constraint jobs_run_posting_key unique (run_id, source, board, external_id),
  constraint jobs_score_range check (score is null or score between 0 and 100)
);
create index jobs_user_idx on jobs (user_id);
create index jobs_run_idx on jobs (run_id);

-- Append-only timeline of everything that happened to a job.
create table job_events (
  id         bigserial   primary key,
  job_id     bigint      not null references jobs (id) on delete cascade,
  user_id    bigint      not null references users (id) on delete cascade,
  at         timestamptz not null default clock_timestamp(),
  stage      text        not null,
  status     text        not null,
  message    text        not null,
  data       jsonb
);
create index job_events_job_idx on job_events (job_id, id);

create table documents (
  id           bigserial   primary key,
  job_id       bigint      not null references jobs (id) on delete cascade,
  user_id      bigint      not null references users (id) on delete cascade,
  kind         text        not null,
  filename     text        not null,
  content_type text        not null,
  content      bytea       not null,
  sha256       text        not null,
  created_at   timestamptz not null default now(),
  constraint documents_kind_check check (kind in ('resume_pdf', 'cover_letter_pdf', 'screenshot'))
);
create index documents_job_idx on documents (job_id, kind);

-- The tracker's view of an application (lifecycle status and notes).
create table applications (
  id         bigserial   primary key,
  user_id    bigint      not null references users (id) on delete cascade,
  job_id     bigint      references jobs (id) on delete set null,
  status     text        not null default 'APPLIED',
  notes      text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint applications_job_key unique (job_id)
);

-- One row per (user, posting) ever submitted or attempted: written before the submit click,
-- confirmed after the confirmation page. The unique constraint is what makes a second submission impossible.
create table submit_ledger (
  id            bigserial   primary key,
  user_id       bigint      not null references users (id) on delete cascade,
  job_id        bigint      not null references jobs (id) on delete cascade,
  source        text        not null,
  board         text        not null,
  external_id   text        not null,
  state         text        not null default 'attempted',
  attempted_at  timestamptz not null default now(),
  confirmed_at  timestamptz,
  constraint submit_ledger_once unique (user_id, source, board, external_id),
  constraint submit_ledger_state_check check (state in ('attempted', 'confirmed'))
);

-- What the built-in sandbox board received. Not user data of Applyflow: the sandbox plays the employer.
create table sandbox_submissions (
  id           bigserial   primary key,
  board        text        not null,
  job_id       bigint      not null,
  first_name   text        not null,
  last_name    text        not null,
  email        text        not null,
  phone        text,
  answers      jsonb       not null default '{}'::jsonb,
  received_at  timestamptz not null default now()
);

create table sandbox_files (
  id            bigserial primary key,
  submission_id bigint    not null references sandbox_submissions (id) on delete cascade,
  field         text      not null,
  filename      text      not null,
  content_type  text      not null,
  content       bytea     not null
);

-- Issue 3: plans computed before a browser opens, the user's answer bank, and what pacing needs.

-- The fill plan of a job: every form field with its value and provenance, stored before anything is filled.
alter table jobs add column fill_plan jsonb;

-- Answers the user gave to questions the profile could not answer, reused on later jobs with the same question.
create table saved_answers (
  id            bigserial   primary key,
  user_id       bigint      not null references users (id) on delete cascade,
  question_key  text        not null,
  question_text text        not null,
  answer        text        not null,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  constraint saved_answers_question_key unique (user_id, question_key)
);

-- Pacing reads the newest submissions per board and per day.
create index submit_ledger_pacing_idx on submit_ledger (user_id, board, attempted_at desc);

-- One posting per user across runs: a later run finding it again is a duplicate.
create index jobs_posting_idx on jobs (user_id, source, board, external_id);

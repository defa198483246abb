-- Issue 4: score breakdown and bands, tailored-vs-master comparison, gated LLM rewording, cover letters and
-- interview questions, and the user's band thresholds.

-- Per user: a job at or above accept_threshold goes on; at or above clarify_threshold waits in the clarify
-- queue for the user; below is rejected (and stays visible with its reasons).
create table user_settings (
  user_id           bigint      primary key references users (id) on delete cascade,
  accept_threshold  int         not null default 70,
  clarify_threshold int         not null default 50,
  updated_at        timestamptz not null default now(),
  constraint user_settings_accept_range check (accept_threshold between 0 and 100),
  constraint user_settings_clarify_range check (clarify_threshold between 0 and 100),
  constraint user_settings_band_order check (clarify_threshold <= accept_threshold)
);

-- The scorer's whole answer: total, the four sub-scores, matching/missing keywords and skills, explanation,
-- and the band it put the job in with the thresholds used.
alter table jobs add column score_detail jsonb;
-- Every master bullet: kept, moved or dropped in the tailored resume.
alter table jobs add column tailor_diff jsonb;
-- LLM rewording per bullet: source, proposal, accepted or rejected with the offending terms.
alter table jobs add column rewording jsonb;
-- {paragraphs: [...], source: "template"|"llm", offending: [...]}
alter table jobs add column cover_letter jsonb;
-- {questions: [...], source: "template"|"llm", offending: [...]}
alter table jobs add column interview_questions jsonb;

create index jobs_user_status_idx on jobs (user_id, status);

-- Issue 12: whose turn it is at each stage. A stage claims, among the users with work waiting, the one it served
-- least recently first (then each user's oldest job), so a user whose jobs arrived later is not kept behind another
-- user's older jobs one slot at a time.
create table stage_turns (
  stage     text        not null,
  user_id   bigint      not null references users (id) on delete cascade,
  served_at timestamptz not null,
  constraint stage_turns_pkey primary key (stage, user_id),
  constraint stage_turns_stage_check check (stage in ('describe', 'score', 'tailor', 'render', 'apply'))
);

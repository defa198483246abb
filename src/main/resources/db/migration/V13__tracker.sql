-- Issue 11: the applications tracker, the match analyser's history.
--
-- An application is one row per posting the user follows: made by the apply stage when a job is submitted (job_id
-- set, status APPLIED), by hand (company, position, ...), or from a URL (status NEW, description and score read
-- from the posting). Its lifecycle:
--   NEW -> INTERESTED -> RESUME_GENERATED -> APPLIED -> INTERVIEW -> OFFER | REJECTED | DECLINED | WITHDRAWN
-- (the user may move an application to any status; every change is an application_events row).
alter table applications
  alter column status set default 'NEW',
  add column company     text,
  add column position    text,
  add column url         text,
  add column location    text,
  add column deadline    date,
  add column salary      text,
  add column follow_up   date,
  add column contacts    jsonb       not null default '[]'::jsonb,
  add column description text,
  add column score       int,
  add column analysis    jsonb,
  add column origin      text        not null default 'run',
  add column applied_at  timestamptz,
  add constraint applications_status_check check (status in ('NEW', 'INTERESTED', 'RESUME_GENERATED', 'APPLIED',
    'INTERVIEW', 'OFFER', 'REJECTED', 'DECLINED', 'WITHDRAWN')),
  add constraint applications_origin_check check (origin in ('run', 'manual', 'url')),
  add constraint applications_score_range check (score is null or score between 0 and 100);

-- What the tracker shows of an application made by a run: the job's own fields, copied once.
update applications a
   set company = j.company, position = j.title, url = j.url, location = j.location,
       applied_at = coalesce(a.created_at, now()), origin = 'run'
  from jobs j
 where a.job_id = j.id;

create index applications_user_idx on applications (user_id, updated_at desc);

-- Every change of an application, with its time: created, status changed (from, to), fields edited, note added.
create table application_events (
  id             bigserial   primary key,
  application_id bigint      not null references applications (id) on delete cascade,
  user_id        bigint      not null references users (id) on delete cascade,
  at             timestamptz not null default clock_timestamp(),
  kind           text        not null,
  from_status    text,
  to_status      text,
  message        text        not null,
  constraint application_events_kind_check check (kind in ('created', 'status', 'edited', 'note'))
);
create index application_events_app_idx on application_events (application_id, id);
create index application_events_user_idx on application_events (user_id, at desc);

-- The match analyser's history: one row per analysis of a posting (pasted text or a URL) against the profile.
create table analyses (
  id          bigserial   primary key,
  user_id     bigint      not null references users (id) on delete cascade,
  at          timestamptz not null default now(),
  title       text,
  company     text,
  url         text,
  score       int         not null,
  result      jsonb       not null,
  constraint analyses_score_range check (score between 0 and 100)
);
create index analyses_user_idx on analyses (user_id, at desc);

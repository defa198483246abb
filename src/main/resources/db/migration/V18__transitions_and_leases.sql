-- Issue 12: a job's status is one of the known states (the same list as io.applyflow.job.JobStatus), work is
-- claimed from Postgres under a lease, and a run is owned by one conductor at a time under a lease.

alter table jobs add constraint jobs_status_check check (status in (
  'discovered', 'described', 'scored', 'rejected', 'clarify', 'accepted', 'tailored', 'rendered',
  'awaiting_approval', 'applying', 'submitted', 'needs_input', 'needs_attention', 'failed', 'duplicate',
  'discarded'));

alter table job_events add constraint job_events_status_check check (status in (
  'discovered', 'described', 'scored', 'rejected', 'clarify', 'accepted', 'tailored', 'rendered',
  'awaiting_approval', 'applying', 'submitted', 'needs_input', 'needs_attention', 'failed', 'duplicate',
  'discarded'));

-- The lease of the node working on a job: who (a node id), until when (renewed while the work goes on), and a
-- fencing token raised by every claim, so a writer whose lease was taken over loses its writes.
alter table jobs add column lease_owner text;
alter table jobs add column lease_until timestamptz;
alter table jobs add column lease_token bigint not null default 0;
-- How many times the job was claimed in its current status (a job that takes a node down with it is not claimed
-- for ever); reset by every change of status.
alter table jobs add column claims int not null default 0;
-- The user approved the submission of this job (awaiting_approval → applying); cleared by any other move.
alter table jobs add column submit_approved boolean not null default false;

-- The claimable jobs of one stage, oldest first per user.
create index jobs_claimable_idx on jobs (status, user_id, updated_at)
  where status in ('discovered', 'described', 'scored', 'accepted', 'tailored', 'rendered', 'applying');

-- The conductor that owns a running run (searches it and marks it done), under a lease like a job's.
alter table runs add column owner text;
alter table runs add column owner_until timestamptz;
-- When the run's search finished (its jobs are all inserted); null while it has not.
alter table runs add column searched_at timestamptz;
update runs set searched_at = created_at where status <> 'running'
  or exists (select 1 from jobs j where j.run_id = runs.id);

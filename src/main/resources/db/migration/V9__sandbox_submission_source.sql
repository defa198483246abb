-- Which ATS a sandbox submission came to. The sandbox now models Lever and Ashby next to Greenhouse:
-- their postings have UUID ids (posting_id) instead of Greenhouse's numeric job ids (job_id), and Ashby answers
-- with an application id of its own (receipt), which is what the apply worker keeps in submit_ledger.receipt.
-- Greenhouse rows keep job_id and have neither posting_id nor receipt (their receipt is the row id).
alter table sandbox_submissions add column source text not null default 'greenhouse';
alter table sandbox_submissions add column posting_id text;
alter table sandbox_submissions add column receipt text;
alter table sandbox_submissions alter column job_id drop not null;
alter table sandbox_submissions add constraint sandbox_submissions_source_check
  check (source in ('greenhouse', 'lever', 'ashby'));
alter table sandbox_submissions add constraint sandbox_submissions_posting_check
  check ((source = 'greenhouse' and job_id is not null and posting_id is null)
      or (source <> 'greenhouse' and job_id is null and posting_id is not null));
create unique index sandbox_submissions_receipt_idx on sandbox_submissions (source, receipt) where receipt is not null;

-- Issue 7: what the first hour needs.

-- The resume exactly as the user wrote it (key order, indentation), shown back on the profile page and returned by
-- GET /api/profile; jsonb keeps the parsed document for the pipeline but reorders its keys.
alter table profiles add column resume_text text;

-- A posting the user already has (in the review queue, sent, or discarded) found again by a later run: the new row
-- is a duplicate and points at the job that stands for the posting, so the pages can link the two.
alter table jobs add column duplicate_of bigint;
alter table jobs add constraint jobs_duplicate_of_fkey foreign key (duplicate_of) references jobs (id) on delete set null;

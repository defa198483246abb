-- Issue 11, resume versions: a version is a documents row of kind resume_pdf or cover_letter_pdf (a job is tailored
-- once and rendered once, so the job's tailored, tailor_diff and render event describe its PDFs; nothing else is
-- stored). The profile page, /versions and GET /api/versions read a user's versions newest first, page by page;
-- documents had an index by job only.
create index documents_versions_idx on documents (user_id, created_at desc, id desc)
  where kind in ('resume_pdf', 'cover_letter_pdf');

-- Issue 10, previews: a PNG of page 1 of the resume and of the cover letter, made by the render worker from the PDF
-- that passed the parse-back gate and stored in the same transaction, shown as a thumbnail on the job page and in the
-- review queue. A job may have a PDF without its PNG (a preview that fails never fails the job), never the reverse.
alter table documents drop constraint documents_kind_check;
alter table documents add constraint documents_kind_check
  check (kind in ('resume_pdf', 'cover_letter_pdf', 'screenshot', 'resume_png', 'cover_letter_png'));

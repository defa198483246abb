-- Issue 10: how a user's documents are laid out. The resume template ("classic" or "compact"), the paper of the
-- resume and the cover letter, and the resume's page budget (the render stage drops the lowest-ranked bullets until
-- the resume fits). Existing users keep what they had: classic on Letter, up to 2 pages.
alter table user_settings
  add column resume_template text not null default 'classic',
  add column paper           text not null default 'letter',
  add column resume_pages    int  not null default 2,
  add constraint user_settings_resume_template check (resume_template in ('classic', 'compact')),
  add constraint user_settings_paper check (paper in ('letter', 'a4')),
  add constraint user_settings_resume_pages check (resume_pages in (1, 2));

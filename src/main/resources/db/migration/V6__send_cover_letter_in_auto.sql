-- Issue 7: the cover letter the user sees is the one uploaded. In review mode the user approves the form with the
-- letter in view; an auto-mode form is submitted unseen, so it carries the letter only when the user says so.
alter table user_settings add column send_cover_letter_in_auto boolean not null default false;

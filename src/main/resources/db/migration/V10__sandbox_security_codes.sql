-- Issue 9, email security codes: what the sandbox board "emailed". Greenhouse asks some applicants, after Submit,
-- for an 8-character code sent to the email address they entered; the sandbox plays that (scenario
-- 'security-code') and, having no mail server, keeps each code it sends here. The sandbox plays the employer, so
-- these rows belong to no user: the app shows a code only to a signed-in user whose own address (account email or
-- profile email) it was sent to (see io.applyflow.sandbox.SecurityCodes).
create table sandbox_security_codes (
  id         bigserial   primary key,
  board      text        not null,
  job_id     bigint      not null,
  email      text        not null,
  code       text        not null,
  sent_at    timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at    timestamptz,
  constraint sandbox_security_codes_code_check check (code ~ '^[A-Z0-9]{8}$')
);
-- the newest code for an (email, posting), and the mail of one address
create index sandbox_security_codes_posting_idx on sandbox_security_codes (board, job_id, lower(email), id desc);
create index sandbox_security_codes_email_idx on sandbox_security_codes (lower(email), id desc);

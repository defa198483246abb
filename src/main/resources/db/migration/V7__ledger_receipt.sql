-- What the employer's ATS answered when it accepted an application: its own id for the application
-- (a submission or application id from its response or confirmation page), when it gave one.
-- The sandbox's received-applications view shows a user only the submissions their ledger holds a receipt for.
alter table submit_ledger add column receipt text;
create index submit_ledger_receipt_idx on submit_ledger (receipt) where receipt is not null;

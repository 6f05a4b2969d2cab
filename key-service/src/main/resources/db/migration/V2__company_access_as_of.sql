-- When each entitlement was true at access-request-service: a late event never undoes a newer answer (issue 11).
alter table company_access add column as_of timestamptz;

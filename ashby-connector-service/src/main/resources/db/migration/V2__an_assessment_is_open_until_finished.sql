-- An assessment is "being assessed" until it is completed or cancelled: a start for the same application and type
-- meanwhile is Ashby's 409; after it finished, a start is a new assessment (issue 11).
drop index assessment_open_once;
create unique index assessment_open_once on assessment (company_id, idempotency_key) where status not in ('CANCELLED', 'COMPLETED');

-- One open screening per candidate and position (invited or started); a finished one (completed or cancelled) no
-- longer blocks a new one, which a new Ashby assessment of the same candidate needs (issue 11).
alter table screening drop constraint screening_once_per_job;
create unique index screening_once_per_job on screening (company_id, candidate_id, job_id) where status in ('INVITED', 'STARTED');
create index screening_by_candidate_and_job on screening (company_id, candidate_id, job_id, invited_at desc);

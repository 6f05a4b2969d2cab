-- A company's plan and API access (the aggregate), its access requests and the audit trail of every change.

create table company_entitlement (
    company_id         text primary key,
    plan               text        not null check (plan in ('TRIAL', 'PAID')),
    access_status      text        not null check (access_status in ('NONE', 'PENDING', 'APPROVED', 'REJECTED', 'SUSPENDED')),
    pending_request_id uuid,
    version            bigint      not null,
    updated_at         timestamptz not null
);

create table access_request (
    id           uuid primary key,
    company_id   text        not null,
    use_case     text,
    requested_by text        not null,
    requested_at timestamptz not null,
    status       text        not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    reviewer     text,
    decided_at   timestamptz,
    reason       text
);

-- the database, too, refuses a second pending request for a company
create unique index access_request_one_pending on access_request (company_id) where status = 'PENDING';
create index access_request_queue on access_request (status, requested_at, id);
create index access_request_company on access_request (company_id, requested_at);

create table access_audit (
    id          bigserial primary key,
    company_id  text        not null,
    event_type  text        not null,
    actor       text,
    detail      text        not null,
    occurred_at timestamptz not null
);
create index access_audit_company on access_audit (company_id, id);

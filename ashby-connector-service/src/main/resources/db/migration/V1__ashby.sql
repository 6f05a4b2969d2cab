-- ashby-connector-service: one Ashby connection per company, the assessments Ashby started, read models of plans and
-- positions (from other services' events), and the delivery outbox of assessment.update calls to Ashby.

create table company_plan (
    company_id  text primary key,
    plan        text        not null check (plan in ('TRIAL', 'PAID')),
    occurred_at timestamptz not null,
    updated_at  timestamptz not null
);

create table ashby_connection (
    company_id        text primary key,
    status            text        not null check (status in ('CONNECTED', 'DEGRADED', 'ACTION_NEEDED', 'DISCONNECTED')),
    message           text,
    -- AES-256-GCM: version byte, 12-byte nonce, ciphertext and tag; null once disconnected
    ashby_key_sealed  bytea,
    partner_key_id    text,
    deliveries_held   boolean     not null default false,
    last_activity_at  timestamptz,
    connected_at      timestamptz,
    updated_at        timestamptz not null,
    version           bigint      not null
);

create table job_position (
    company_id     text        not null,
    job_id         text        not null,
    title          text        not null,
    description    text,
    status         text        not null check (status in ('OPEN', 'CLOSED')),
    question_count integer     not null,
    occurred_at    timestamptz not null,
    primary key (company_id, job_id)
);
create index job_position_open on job_position (company_id, occurred_at) where status = 'OPEN';

create table assessment (
    id                   uuid primary key,
    company_id           text        not null,
    assessment_type_id   text        not null,
    application_id       text,
    idempotency_key      text        not null,
    candidate_email      text        not null,
    candidate_first_name text,
    candidate_last_name  text,
    candidate_ashby_id   text,
    status               text        not null check (status in ('REQUESTED', 'INVITED', 'STARTED', 'COMPLETED', 'CANCELLED')),
    screening_id         text,
    last_timestamp       bigint      not null,
    cancel_reported      boolean     not null default false,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    version              bigint      not null
);
-- a repeated start returns the open assessment; after a cancel, a new start makes a new one
create unique index assessment_open_once on assessment (company_id, idempotency_key) where status <> 'CANCELLED';
create index assessment_screening on assessment (company_id, screening_id);

-- the delivery outbox: written in the transaction that made the update, delivered in id order per assessment
create table ashby_delivery (
    id              bigserial primary key,
    company_id      text        not null,
    assessment_id   uuid        not null,
    body            text        not null,
    status          text        not null check (status in ('PENDING', 'DELIVERED', 'FAILED', 'DISCARDED')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    lease_until     timestamptz,
    lease_owner     text,
    last_error      text,
    created_at      timestamptz not null,
    delivered_at    timestamptz
);
create index ashby_delivery_pending on ashby_delivery (assessment_id, id) where status = 'PENDING';
create index ashby_delivery_company on ashby_delivery (company_id, status);

-- wake the delivery worker at commit time (NOTIFY is delivered on commit, never for a rolled-back insert)
create function ashby_delivery_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('ashby_delivery', '');
    return null;
end $$;

create trigger ashby_delivery_notify after insert on ashby_delivery
    for each statement execute function ashby_delivery_notify();

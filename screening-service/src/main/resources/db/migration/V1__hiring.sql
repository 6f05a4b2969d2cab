-- The hiring API's state: positions, candidates, screenings (with their questions as invited and their scored
-- answers), invitation mails to send, account settings, webhooks with their deliveries and every attempt, and
-- the Ashby commands already handled. Every row belongs to one company (company_id); every query filters on it.

create table job (
    id          uuid primary key,
    company_id  text        not null,
    title       text        not null,
    description text,
    status      text        not null check (status in ('OPEN', 'CLOSED')),
    questions   text        not null,   -- JSON [{id, prompt, keywords[]}]: value objects of the position
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null
);
create index job_company_page on job (company_id, created_at, id);

create table candidate (
    id          uuid primary key,
    company_id  text        not null,
    first_name  text        not null,
    last_name   text        not null,
    email       text        not null,   -- trimmed, lower case
    phone       text,
    external_id text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null,
    constraint candidate_email_per_company unique (company_id, email)
);
-- keyset pagination (created_at, id) and the CRM sync's updated_since filter
create index candidate_company_page on candidate (company_id, created_at, id);
create index candidate_company_updated on candidate (company_id, updated_at);

create table screening (
    id              uuid primary key,
    company_id      text        not null,
    candidate_id    uuid        not null references candidate (id),
    job_id          uuid        not null references job (id),
    candidate_email text        not null,
    job_title       text        not null,
    questions       text        not null,   -- JSON snapshot of the position's questions at invitation
    status          text        not null check (status in ('INVITED', 'STARTED', 'COMPLETED', 'CANCELLED')),
    token_hash      text unique,            -- SHA-256 hex of the screener link's token; never the token
    source_ref      text,                   -- e.g. the Ashby assessment id
    scores          text,                   -- JSON [{question_id, prompt, answer, score, matched_keywords}]
    score           integer check (score between 0 and 100),
    invited_at      timestamptz not null,
    expires_at      timestamptz not null,
    started_at      timestamptz,
    completed_at    timestamptz,
    cancelled_at    timestamptz,
    cancel_reason   text,
    updated_at      timestamptz not null,
    version         bigint      not null,
    -- re-inviting to the same position never makes a second screening, even under concurrency
    constraint screening_once_per_job unique (company_id, candidate_id, job_id)
);
create index screening_company_page on screening (company_id, invited_at, id);
create index screening_candidate on screening (company_id, candidate_id);
create index screening_job on screening (company_id, job_id);
create index screening_source_ref on screening (company_id, source_ref) where source_ref is not null;

-- invitation mails to send: the worker generates the link's token when it sends, so no token is ever stored
create table invitation_mail (
    id              bigserial primary key,
    screening_id    uuid        not null references screening (id),
    company_id      text        not null,
    status          text        not null check (status in ('PENDING', 'SENT', 'FAILED', 'SKIPPED')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null,
    sent_at         timestamptz
);
create index invitation_mail_due on invitation_mail (next_attempt_at) where status = 'PENDING';

create table account_settings (
    company_id   text primary key,
    display_name text,
    sender_name  text,
    timezone     text        not null,
    updated_at   timestamptz not null
);

create table webhook (
    id                   uuid primary key,
    company_id           text        not null,
    url                  text        not null,
    description          text,
    secret               text        not null,  -- needed in clear to sign; never returned after registration
    status               text        not null check (status in ('ACTIVE', 'DISABLED')),
    consecutive_failures integer     not null default 0,
    created_at           timestamptz not null,
    disabled_at          timestamptz,
    disabled_reason      text,
    deleted_at           timestamptz
);
create index webhook_company on webhook (company_id, created_at, id);

create table webhook_event_type (
    webhook_id uuid not null references webhook (id),
    event_type text not null,
    primary key (webhook_id, event_type)
);
create index webhook_event_type_by_type on webhook_event_type (event_type);

create table webhook_delivery (
    id               uuid primary key,
    webhook_id       uuid        not null references webhook (id),
    company_id       text        not null,
    event_id         uuid        not null,   -- the CloudEvents id: receivers deduplicate on it
    event_type       text        not null,
    body             text        not null,
    status           text        not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz not null,
    delivered_at     timestamptz,
    constraint webhook_delivery_once unique (webhook_id, event_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_of_webhook on webhook_delivery (webhook_id, created_at);

create table webhook_attempt (
    id            bigserial primary key,
    delivery_id   uuid        not null references webhook_delivery (id),
    attempt_no    integer     not null,
    attempted_at  timestamptz not null,
    status_code   integer,
    error         text,
    duration_ms   bigint      not null,
    success       boolean     not null,
    constraint webhook_attempt_once unique (delivery_id, attempt_no)
);

-- Ashby commands already handled (idempotency on command_id, beside the inbox's ce_id)
create table processed_command (
    command_id   uuid primary key,
    company_id   text        not null,
    command_type text        not null,
    outcome      text        not null,
    processed_at timestamptz not null
);

-- API keys. The secret itself is never stored: only its HMAC-SHA256 with a pepper held in configuration.

create table api_key (
    id             uuid primary key,
    company_id     text        not null,
    kind           text        not null check (kind in ('LIVE', 'ASHBY')),
    permission     text        not null check (permission in ('READ', 'WRITE', 'ADMIN', 'PARTNER_ASHBY')),
    name           text        not null,
    description    text,
    secret_hash    text        not null unique,
    prefix         text        not null,
    last4          text        not null,
    status         text        not null check (status in ('ACTIVE', 'SUSPENDED', 'REVOKED')),
    created_by     text,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    regenerated_at timestamptz,
    revoked_at     timestamptz,
    last_used_at   timestamptz,
    version        bigint      not null, -- the key's version: +1 per change, carried to the gateway
    row_version    bigint      not null  -- optimistic locking
);
create index api_key_company on api_key (company_id, created_at desc) where status <> 'REVOKED';
-- at most one working Ashby partner key per company, whatever the application does
create unique index api_key_one_partner_key on api_key (company_id) where kind = 'ASHBY' and status <> 'REVOKED';

-- the local read model of each company's entitlement (from access-request-service's events)
create table company_access (
    company_id    text primary key,
    plan          text        not null,
    access_status text        not null,
    updated_at    timestamptz not null
);

create table key_audit (
    id         bigserial primary key,
    key_id     uuid        not null,
    company_id text        not null,
    action     text        not null,
    actor      text,
    request_id text,
    at         timestamptz not null
);
create index key_audit_key on key_audit (key_id, id);

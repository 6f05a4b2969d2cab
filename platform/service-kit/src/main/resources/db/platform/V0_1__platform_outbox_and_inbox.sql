-- Platform tables every service has (from service-kit): the transactional outbox and the consumer inbox.

create table outbox_event (
    id          bigserial primary key,
    event_id    uuid        not null unique,
    topic       text        not null,
    event_key   text        not null,
    event_type  text        not null,
    subject     text,
    payload     text,            -- JSON; null = tombstone on a compacted topic
    occurred_at timestamptz not null
);

-- wake the relay at commit time (NOTIFY is delivered on commit, never for a rolled-back insert)
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('truffle_outbox', '');
    return null;
end $$;

create trigger outbox_notify after insert on outbox_event
    for each statement execute function outbox_notify();

create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    event_type   text,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);

-- The test application's own state (outbox_event and processed_event come from service-kit's db/platform):
-- what an idempotent consumer's handler writes, one row per application of an event.
create table kit_effect (
    id       text primary key,
    consumer text not null,
    event_id text not null,
    note     text
);

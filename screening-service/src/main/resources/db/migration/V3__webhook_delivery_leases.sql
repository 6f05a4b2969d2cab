-- Webhook deliveries are claimed with a lease and sent outside any transaction (issue 12): leased_until is when the
-- claiming worker's lease ends (null: not claimed). A process that dies mid-call leaves it to expire, and the delivery
-- is due again. The outcome is recorded only under the same lease (the fencing token).
alter table webhook_delivery add column leased_until timestamptz;
-- "one call at a time per endpoint": is one of the endpoint's deliveries leased?
create index webhook_delivery_leased on webhook_delivery (webhook_id, leased_until) where status = 'PENDING' and leased_until is not null;
-- the test-delivery limit counts a company's recent pings
create index webhook_delivery_tests on webhook_delivery (company_id, created_at) where event_type = 'WebhookTest';

-- wake the delivery worker at commit time (NOTIFY is delivered on commit, never for a rolled-back insert)
create function webhook_delivery_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('webhook_delivery', '');
    return null;
end $$;
create trigger webhook_delivery_notify after insert on webhook_delivery
    for each statement execute function webhook_delivery_notify();

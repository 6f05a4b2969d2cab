-- A delivery that keeps failing stops after a give-up age (truffle.ashby.delivery.give-up-after): the clock starts
-- at its first failure and restarts when the admin retries from the card. The connection remembers that its
-- deliveries are held because retries ran out (the card offers Retry), not because Ashby rejected the key.
alter table ashby_delivery add column failing_since timestamptz;
alter table ashby_connection add column deliveries_gave_up boolean not null default false;

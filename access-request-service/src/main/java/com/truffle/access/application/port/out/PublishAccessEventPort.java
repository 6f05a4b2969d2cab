package com.truffle.access.application.port.out;

import java.util.List;

import com.truffle.access.domain.AccessEvent;
import com.truffle.access.domain.CompanyEntitlement;
import io.smallrye.mutiny.Uni;

/** Publishes events in the caller's transaction (outbox): they leave only if the state change commits. */
public interface PublishAccessEventPort {

    /** {@code state} is the entitlement after the events: each event carries the resulting plan and access status. */
    Uni<Void> publish(CompanyEntitlement state, List<AccessEvent> events);
}

package com.truffle.screening.application.port.out;

import java.util.List;

import com.truffle.screening.domain.ScreeningEvent;
import io.smallrye.mutiny.Uni;

/**
 * Publishes events in the caller's transaction: to Kafka through the outbox and to every active webhook of the
 * company subscribed to the type (a delivery row each). Both leave only if the state change commits.
 */
public interface PublishScreeningEventPort {

    Uni<Void> publish(List<? extends ScreeningEvent> events);
}

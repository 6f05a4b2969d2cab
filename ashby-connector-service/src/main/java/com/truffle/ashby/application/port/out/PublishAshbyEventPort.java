package com.truffle.ashby.application.port.out;

import java.util.List;

import com.truffle.ashby.domain.AshbyEvent;
import io.smallrye.mutiny.Uni;

/** Publishes in the caller's transaction (outbox): events leave only if the state change commits. */
public interface PublishAshbyEventPort {

    Uni<Void> publish(List<? extends AshbyEvent> events);
}

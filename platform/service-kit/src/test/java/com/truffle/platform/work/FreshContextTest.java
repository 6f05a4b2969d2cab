package com.truffle.platform.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;

/**
 * Background work runs on a context of its own, duplicated and flagged safe, as Hibernate Reactive requires; what one
 * piece of work keeps on its context (Hibernate Reactive: its session) another never sees, even while both run.
 */
class FreshContextTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    Vertx vertx;

    @BeforeEach
    void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void close() {
        vertx.closeAndAwait();
    }

    @Test
    void theWorkRunsOnANewDuplicatedContextFlaggedSafeOnAnEventLoop() {
        Context context = run(() -> Uni.createFrom().item(io.vertx.core.Vertx.currentContext()));

        assertThat(context).isNotNull();
        assertThat(VertxContext.isDuplicatedContext(context)).isTrue();
        assertThat(VertxContextSafetyToggle.isExplicitlyMarkedAsSafe(context)).isTrue();
        assertThat(run(() -> Uni.createFrom().item(Context.isOnEventLoopThread()))).isTrue();
    }

    @Test
    void concurrentWorkNeverSharesAContextOrWhatIsKeptOnIt() {
        CompletableFuture<Void> holdFirst = new CompletableFuture<>();
        CompletableFuture<Context> firstContext = new CompletableFuture<>();
        // the first keeps a "session" on its context and is still running when the second starts
        Uni<Object> first = FreshContext.run(vertx, () -> {
            Context mine = io.vertx.core.Vertx.currentContext();
            mine.putLocal("session", "first's");
            firstContext.complete(mine);
            return Uni.createFrom().completionStage(holdFirst).map(ignored -> mine.getLocal("session"));
        });
        CompletableFuture<Object> firstDone = first.subscribeAsCompletionStage();
        Context one = firstContext.join();

        Object[] second = run(() -> {
            Context mine = io.vertx.core.Vertx.currentContext();
            return Uni.createFrom().item(new Object[] { mine, mine.getLocal("session") });
        });
        holdFirst.complete(null);

        assertThat(second[0]).isNotSameAs(one);
        assertThat(second[1]).as("the second does not see the first's session").isNull();
        assertThat(firstDone.join()).as("nor does it disturb it").isEqualTo("first's");
    }

    @Test
    void theItemOrTheFailureOfTheWorkIsTheResult() {
        assertThat(run(() -> Uni.createFrom().item("done"))).isEqualTo("done");
        assertThatThrownBy(() -> run(() -> Uni.createFrom().failure(new IllegalStateException("broke"))))
                .isInstanceOf(IllegalStateException.class).hasMessage("broke");
    }

    @Test
    void theWorkIsMadeOnlyWhenSubscribedToAndOnItsContext() {
        Thread[] madeOn = new Thread[1];
        Uni<String> uni = FreshContext.run(vertx, () -> {
            madeOn[0] = Thread.currentThread();
            return Uni.createFrom().item("x");
        });
        assertThat(madeOn[0]).isNull();

        uni.await().atMost(WAIT);
        assertThat(madeOn[0]).isNotNull().isNotSameAs(Thread.currentThread());
    }

    private <T> T run(Supplier<Uni<T>> work) {
        return FreshContext.run(vertx, work).await().atMost(WAIT);
    }
}

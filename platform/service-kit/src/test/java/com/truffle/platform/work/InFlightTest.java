package com.truffle.platform.work;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InFlightTest {

    @Test
    void roomShrinksAsCallsStartAndGrowsAsTheyEnd() {
        InFlight<String> calls = new InFlight<>(3);
        assertThat(calls.room()).isEqualTo(3);

        calls.take("acme");
        calls.take("acme");
        calls.take("globex");
        assertThat(calls.room()).isZero();
        assertThat(calls.total()).isEqualTo(3);
        assertThat(calls.byOwner()).containsOnly(org.assertj.core.api.Assertions.entry("acme", 2),
                org.assertj.core.api.Assertions.entry("globex", 1));

        calls.release("acme");
        assertThat(calls.room()).isEqualTo(1);
        assertThat(calls.byOwner()).containsEntry("acme", 1);
    }

    @Test
    void anOwnerAtItsShareIsSaturatedUntilOneOfItsCallsEnds() {
        InFlight<String> calls = new InFlight<>(10);
        calls.take("slow");
        calls.take("slow");
        calls.take("fast");

        assertThat(calls.saturated(2)).containsExactly("slow");
        calls.release("slow");
        assertThat(calls.saturated(2)).isEmpty();
    }

    @Test
    void anOwnerWithNoCallLeftIsForgotten() {
        InFlight<String> calls = new InFlight<>(2);
        calls.take("acme");
        calls.release("acme");

        assertThat(calls.byOwner()).isEmpty();
        assertThat(calls.saturated(1)).isEmpty();
        assertThat(calls.room()).isEqualTo(2);
    }

    @Test
    void theSnapshotDoesNotChangeWithLaterCalls() {
        InFlight<String> calls = new InFlight<>(2);
        calls.take("acme");
        var snapshot = calls.byOwner();
        calls.take("acme");

        assertThat(snapshot).containsEntry("acme", 1);
    }
}

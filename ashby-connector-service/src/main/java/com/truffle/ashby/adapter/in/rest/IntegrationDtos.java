package com.truffle.ashby.adapter.in.rest;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.truffle.ashby.domain.AshbyCard;

/** Bodies of the integration card routes (snake_case on the wire, DESIGN §4a). */
final class IntegrationDtos {

    /** Printable ASCII without ':' (HTTP Basic puts the key before one); the value never appears in an error. */
    static final String KEY_PATTERN = "[\\x21-\\x39\\x3B-\\x7E]+";
    static final String KEY_MESSAGE = "must be an Ashby API key (no spaces or ':')";

    record ConnectBody(@NotBlank @Size(max = 512) @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String ashbyApiKey) {
        @Override
        public String toString() {
            return "ConnectBody[redacted]";
        }
    }

    /** Reconnect may bring a new Ashby key; without one the stored key is checked again and kept. */
    record ReconnectBody(@Size(max = 512) @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String ashbyApiKey) {
        @Override
        public String toString() {
            return "ReconnectBody[redacted]";
        }
    }

    /** Every member always present: {@code last_activity_at: null} is how the UI knows to say "No activity yet". */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CardView(boolean available, String status, String message, Instant lastActivityAt, boolean canRetryDeliveries) {
        static CardView of(AshbyCard card) {
            return new CardView(card.available(), card.status().name(), card.message(), card.lastActivityAt(),
                    card.canRetryDeliveries());
        }
    }

    /** The Truffle key is in here once, never again. */
    record Issued(String status, String truffleKey) {
        @Override
        public String toString() {
            return "Issued[" + status + ", truffle key redacted]";
        }
    }

    private IntegrationDtos() {
    }
}

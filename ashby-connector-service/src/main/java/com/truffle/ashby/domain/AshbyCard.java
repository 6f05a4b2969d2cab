package com.truffle.ashby.domain;

import java.time.Instant;

/** The integration card as the company admin sees it. */
public record AshbyCard(boolean available, ConnectionStatus status, String message, Instant lastActivityAt,
        boolean canRetryDeliveries) {

    public static final String PAID_ONLY = "Available on paid plans";

    public static AshbyCard of(Plan plan, AshbyConnection connection) {
        boolean available = plan == Plan.PAID;
        String message = available ? connection.message() : PAID_ONLY;
        if (available && connection.status() == ConnectionStatus.CONNECTED) {
            message = null;
        }
        return new AshbyCard(available, connection.status(), message, connection.lastActivityAt(),
                available && connection.status().isActive() && connection.canRetryDeliveries());
    }
}

package com.truffle.ashby.application.port.in;

import java.util.Objects;

import com.truffle.ashby.domain.ConnectionStatus;

/** The outcome of connect/reconnect: the status, and the Truffle key to paste into Ashby (shown this once). */
public record ConnectionIssued(ConnectionStatus status, String truffleKey) {

    public ConnectionIssued {
        Objects.requireNonNull(status);
        Objects.requireNonNull(truffleKey);
    }

    @Override
    public String toString() {
        return "ConnectionIssued[" + status + ", truffle key redacted]";
    }
}

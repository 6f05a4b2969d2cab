package com.truffle.ashby.domain;

/** What the integration card shows. */
public enum ConnectionStatus {
    /** Never connected. */
    NOT_CONNECTED,
    /** Connected and healthy. */
    CONNECTED,
    /** Connected, but results are not reaching Ashby right now; they are retried and nothing is lost. */
    DEGRADED,
    /** Connected, but only the company admin can fix it (a rejected Ashby key, a revoked Truffle key). */
    ACTION_NEEDED,
    /** Disconnected by the admin: partner key revoked, Ashby key deleted. */
    DISCONNECTED;

    /** Connected in any health: the partner key is live and results flow (or wait) for Ashby. */
    public boolean isActive() {
        return this == CONNECTED || this == DEGRADED || this == ACTION_NEEDED;
    }
}

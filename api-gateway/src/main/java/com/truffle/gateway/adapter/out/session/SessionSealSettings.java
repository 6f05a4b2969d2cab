package com.truffle.gateway.adapter.out.session;

/** The key every gateway replica seals browser sessions with (TRUFFLE_SESSION_SECRET: base64 of 32 bytes or more). */
public record SessionSealSettings(String secret) {

    @Override
    public String toString() {
        return "SessionSealSettings[secret=<redacted>]";
    }
}

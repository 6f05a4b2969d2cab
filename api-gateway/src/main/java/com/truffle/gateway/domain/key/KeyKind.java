package com.truffle.gateway.domain.key;

/** The key kinds of the key-state contract; the same as the secret's prefix ({@code trf_live_}, {@code trf_ashby_}). */
public enum KeyKind {
    LIVE, ASHBY
}

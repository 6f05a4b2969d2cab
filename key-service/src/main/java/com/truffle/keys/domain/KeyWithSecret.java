package com.truffle.keys.domain;

/** A key together with its plaintext secret: exists only in the answer to create or regenerate. */
public record KeyWithSecret(ApiKey key, IssuedSecret secret) {
}

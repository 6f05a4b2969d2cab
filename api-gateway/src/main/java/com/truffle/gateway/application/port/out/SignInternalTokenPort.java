package com.truffle.gateway.application.port.out;

import java.time.Instant;

import com.truffle.gateway.domain.access.Identity;

/** Signs the internal JWT (RS256, issuer truffle-gateway) that services trust. */
public interface SignInternalTokenPort {

    String sign(Identity identity, Instant issuedAt, Instant expiresAt);
}

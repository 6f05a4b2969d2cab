package com.truffle.gateway.application.port.out;

import java.time.Instant;
import java.util.List;

import com.truffle.gateway.domain.access.Identity;

/** Signs the internal JWT (RS256, issuer truffle-gateway, audience the services it is for) that services trust. */
public interface SignInternalTokenPort {

    String sign(Identity identity, List<String> audiences, Instant issuedAt, Instant expiresAt);
}

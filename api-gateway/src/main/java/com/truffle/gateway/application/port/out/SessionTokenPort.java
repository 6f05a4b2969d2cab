package com.truffle.gateway.application.port.out;

import com.truffle.gateway.domain.access.Session;
import io.smallrye.mutiny.Uni;

/** Verifies a session JWT against the identity provider's keys (JWKS) and issuer. */
public interface SessionTokenPort {

    sealed interface Verdict {
    }

    record Valid(Session session) implements Verdict {
    }

    record Invalid(String why) implements Verdict {
    }

    /** Never fails: a token that cannot be verified is {@link Invalid}. */
    Uni<Verdict> verify(String jwt);
}

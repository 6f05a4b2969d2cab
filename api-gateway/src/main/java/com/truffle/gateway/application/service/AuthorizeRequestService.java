package com.truffle.gateway.application.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.in.AuthorizeRequestUseCase;
import com.truffle.gateway.application.port.out.SessionTokenPort;
import com.truffle.gateway.application.service.ApiKeyVerifier.KeyCheck;
import com.truffle.gateway.application.service.ApiKeyVerifier.Miss;
import com.truffle.gateway.application.service.ApiKeyVerifier.Rejected;
import com.truffle.gateway.application.service.ApiKeyVerifier.Suspended;
import com.truffle.gateway.application.service.ApiKeyVerifier.Valid;
import com.truffle.gateway.domain.access.AccessPolicy;
import com.truffle.gateway.domain.access.AccessPolicy.Verdict;
import com.truffle.gateway.domain.access.PresentedCredential;
import com.truffle.gateway.domain.access.PresentedCredential.ApiKey;
import com.truffle.gateway.domain.access.PresentedCredential.SessionToken;
import com.truffle.gateway.domain.access.PresentedCredential.Unreadable;
import com.truffle.gateway.domain.key.KeyRecord;
import com.truffle.gateway.domain.problem.Denial;
import com.truffle.gateway.domain.routing.CredentialType;
import com.truffle.gateway.domain.routing.RequiredAccess;
import com.truffle.gateway.domain.routing.Route;
import com.truffle.gateway.domain.routing.RouteTable;
import com.truffle.gateway.domain.usage.UsageTally;

/**
 * The edge decision, in order: a declared route (else 404), the credential the route takes (else 401), the key or
 * session verified (else 401), the permission (else 403), the key's rate limit (else 429); then forward with the
 * internal JWT of the identity. Usage is counted for every request a valid key authenticated.
 */
@ApplicationScoped
public class AuthorizeRequestService implements AuthorizeRequestUseCase {

    private final RouteTable routes;
    private final ApiKeyVerifier keys;
    private final SessionVerifier sessions;
    private final InternalTokenCache tokens;
    private final RateLimiter limiter;
    private final UsageTally usage;
    private final Clock clock;

    @Inject
    public AuthorizeRequestService(RouteTable routes, ApiKeyVerifier keys, SessionVerifier sessions, InternalTokenCache tokens,
            RateLimiter limiter, UsageTally usage, Clock clock) {
        this.routes = routes;
        this.keys = keys;
        this.sessions = sessions;
        this.tokens = tokens;
        this.limiter = limiter;
        this.usage = usage;
        this.clock = clock;
    }

    @Override
    public GatewayDecision authorize(InboundCall call) {
        Route route = routes.match(call.method(), call.path());
        if (route == null) {
            return new Deny(Denial.noRoute(call.method(), call.path()));
        }
        if (route.access() == RequiredAccess.PUBLIC) {
            return new Forward(route, null);
        }
        PresentedCredential credential = PresentedCredential.parse(call.authorization());
        if (credential instanceof ApiKey key) {
            if (key.basic() && route.access().credential() != CredentialType.PARTNER_KEY) {
                return new Deny(Denial.basicNotAccepted(route));
            }
            KeyCheck check = keys.checkLocally(key.secret());
            if (check instanceof Miss miss) {
                return new Pending(keys.checkWithAuthority(miss).map(answer -> decideForKey(route, answer)));
            }
            return decideForKey(route, check);
        }
        if (credential instanceof SessionToken session) {
            SessionTokenPort.Verdict known = sessions.known(session.jwt());
            if (known != null) {
                return decideForSession(route, known);
            }
            return new Pending(sessions.verify(session.jwt()).map(verdict -> decideForSession(route, verdict)));
        }
        if (credential instanceof Unreadable unreadable) {
            return new Deny(Denial.unreadableCredential(route, unreadable.why()));
        }
        return new Deny(Denial.missingCredential(route));
    }

    private GatewayDecision decideForKey(Route route, KeyCheck check) {
        if (check instanceof Valid valid) {
            KeyRecord key = valid.key();
            usage.record(key.keyId(), key.companyId(), clock.millis());
            Verdict verdict = AccessPolicy.forKey(route.access(), key);
            if (!verdict.allowed()) {
                return new Deny(Denial.forbidden(route, verdict.required(), verdict.granted()));
            }
            long retryAfter = limiter.retryAfterSeconds(key);
            if (retryAfter > 0) {
                return new Deny(Denial.rateLimited(retryAfter));
            }
            return new Forward(route, tokens.tokenFor(verdict.identity()));
        }
        if (check instanceof Suspended) {
            return new Deny(Denial.suspended(route));
        }
        if (check == Rejected.MALFORMED) {
            return new Deny(Denial.malformedKey(route));
        }
        if (check == Rejected.UNVERIFIABLE) {
            return new Deny(Denial.unverifiableKey(route));
        }
        return new Deny(Denial.unknownKey(route));
    }

    private GatewayDecision decideForSession(Route route, SessionTokenPort.Verdict verdict) {
        if (verdict instanceof SessionTokenPort.Invalid invalid) {
            return new Deny(Denial.invalidSession(route, invalid.why()));
        }
        SessionTokenPort.Valid valid = (SessionTokenPort.Valid) verdict;
        Verdict access = AccessPolicy.forSession(route.access(), valid.session());
        if (!access.allowed()) {
            return new Deny(Denial.forbidden(route, access.required(), access.granted()));
        }
        return new Forward(route, tokens.tokenFor(access.identity(), valid.session().expiresAt()));
    }
}

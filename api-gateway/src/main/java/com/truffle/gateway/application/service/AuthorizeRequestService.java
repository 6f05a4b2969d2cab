package com.truffle.gateway.application.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.in.AuthorizeRequestUseCase;
import com.truffle.gateway.application.port.in.LimitClientsUseCase;
import com.truffle.gateway.application.port.out.EndedSessionsPort;
import com.truffle.gateway.application.port.out.SessionCookiePort;
import com.truffle.gateway.application.port.out.SessionTokenPort;
import com.truffle.gateway.application.service.ApiKeyVerifier.KeyCheck;
import com.truffle.gateway.application.service.ApiKeyVerifier.Miss;
import com.truffle.gateway.application.service.ApiKeyVerifier.Rejected;
import com.truffle.gateway.application.service.ApiKeyVerifier.Suspended;
import com.truffle.gateway.application.service.ApiKeyVerifier.Valid;
import com.truffle.gateway.domain.access.AccessPolicy;
import com.truffle.gateway.domain.access.AccessPolicy.Verdict;
import com.truffle.gateway.domain.access.BrowserSession;
import com.truffle.gateway.domain.access.CrossSiteCheck;
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
    private final LimitClientsService clients;
    private final UsageTally usage;
    private final Clock clock;
    private final SessionCookiePort cookies;
    private final EndedSessionsPort ended;
    private final CrossSiteCheck crossSite;

    @Inject
    public AuthorizeRequestService(RouteTable routes, ApiKeyVerifier keys, SessionVerifier sessions, InternalTokenCache tokens,
            RateLimiter limiter, LimitClientsService clients, UsageTally usage, Clock clock, SessionCookiePort cookies,
            EndedSessionsPort ended, BrowserSettings browser) {
        this.routes = routes;
        this.keys = keys;
        this.sessions = sessions;
        this.tokens = tokens;
        this.limiter = limiter;
        this.clients = clients;
        this.usage = usage;
        this.clock = clock;
        this.cookies = cookies;
        this.ended = ended;
        this.crossSite = browser.crossSiteCheck();
    }

    @Override
    public GatewayDecision authorize(InboundCall call) {
        Route route = routes.match(call.method(), call.path());
        if (route == null) {
            return new Deny(Denial.noRoute(call.method(), call.path()));
        }
        CredentialType needed = route.access().credential();
        LimitClientsUseCase.Kind perClient = route.access() == RequiredAccess.PUBLIC ? LimitClientsUseCase.Kind.PUBLIC
                : needed == CredentialType.BROWSER || needed == CredentialType.SESSION ? LimitClientsUseCase.Kind.SIGNED_IN : null;
        if (perClient != null) {
            long retryAfter = clients.retryAfterSeconds(perClient, call.client());
            if (retryAfter > 0) {
                return new Deny(Denial.clientRateLimited(retryAfter));
            }
        }
        if (route.access() == RequiredAccess.PUBLIC) {
            return new Forward(route, null);
        }
        if (needed == CredentialType.BROWSER
                || (needed == CredentialType.SESSION && call.authorization() == null && call.sessionCookie() != null)) {
            return decideForBrowser(route, call);
        }
        PresentedCredential credential = PresentedCredential.parse(call.authorization());
        if (credential instanceof ApiKey key) {
            if (key.basic() && route.access().credential() != CredentialType.PARTNER_KEY) {
                return new Deny(Denial.basicNotAccepted(route));
            }
            KeyCheck check = keys.checkLocally(key.secret());
            if (check instanceof Miss miss) {
                return new Pending(keys.checkWithAuthority(miss, call.client()).map(answer -> decideForKey(route, answer)));
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
            return new Forward(route, tokens.tokenFor(verdict.identity(), route.upstream()));
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

    /**
     * The session cookie: valid, current and not signed out of; a state-changing request must also come from
     * Truffle's own pages (Origin, Sec-Fetch-Site) and carry the session's CSRF token. A cookie is never an API
     * key: the routes of the hiring API do not get here.
     */
    private GatewayDecision decideForBrowser(Route route, InboundCall call) {
        boolean page = route.access().credential() == CredentialType.BROWSER;
        BrowserSession session = call.sessionCookie() == null ? null : cookies.open(call.sessionCookie());
        if (session == null || session.expiredAt(clock.instant()) || ended.hasEnded(session.id())) {
            return new Deny(page ? Denial.signInRequired(route)
                    : Denial.invalidSession(route, "the browser session has ended; sign in again."));
        }
        if (!isSafe(call.method())) {
            if (!crossSite.sameSite(call.origin(), call.secFetchSite())) {
                return new Deny(Denial.crossSiteRequest());
            }
            if (!SignInService.constantTimeEquals(call.csrfToken(), cookies.csrfToken(session))) {
                return new Deny(Denial.csrfTokenInvalid());
            }
        }
        Verdict access = AccessPolicy.forSession(route.access(), session.person());
        if (!access.allowed()) {
            return new Deny(Denial.forbidden(route, access.required(), access.granted()));
        }
        return new Forward(route, tokens.tokenFor(access.identity(), route.upstream(), session.expiresAt()),
                page ? cookies.csrfToken(session) : null);
    }

    private static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
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
        return new Forward(route, tokens.tokenFor(access.identity(), route.upstream(), valid.session().expiresAt()));
    }
}

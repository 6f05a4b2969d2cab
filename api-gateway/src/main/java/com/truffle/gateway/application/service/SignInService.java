package com.truffle.gateway.application.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.in.SignInUseCase;
import com.truffle.gateway.application.port.out.EndedSessionsPort;
import com.truffle.gateway.application.port.out.IdentityProviderPort;
import com.truffle.gateway.application.port.out.IdentityProviderPort.SignInFailed;
import com.truffle.gateway.application.port.out.SessionCookiePort;
import com.truffle.gateway.domain.access.AccessPolicy;
import com.truffle.gateway.domain.access.BrowserSession;
import com.truffle.gateway.domain.access.LoginAttempt;
import com.truffle.gateway.domain.access.ReturnPath;
import com.truffle.gateway.domain.access.Session;
import io.smallrye.mutiny.Uni;

/**
 * Sign-in, as for any OpenID Connect relying party: a fresh state, PKCE verifier and nonce per attempt (sealed
 * into a cookie, so the callback may land on any replica), the code traded for a verified ID token, then a
 * sealed session that expires with that token (capped). Sign-out ends the session on every replica.
 */
@ApplicationScoped
public class SignInService implements SignInUseCase {

    static final String COMPANY_HOME = "/settings/integrations";
    static final String STAFF_HOME = "/staff/review";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityProviderPort provider;
    private final SessionCookiePort cookies;
    private final EndedSessionsPort ended;
    private final BrowserSettings settings;
    private final Clock clock;

    @Inject
    public SignInService(IdentityProviderPort provider, SessionCookiePort cookies, EndedSessionsPort ended,
            BrowserSettings settings, Clock clock) {
        this.provider = provider;
        this.cookies = cookies;
        this.ended = ended;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Uni<ToProvider> begin(String returnTo) {
        LoginAttempt attempt = new LoginAttempt(random(24), random(48), random(24), ReturnPath.safe(returnTo),
                clock.instant().plus(settings.loginLifetime()));
        return provider.authorizationUrl(attempt, settings.callbackUrl())
                .map(url -> new ToProvider(url, cookies.seal(attempt), settings.loginLifetime().toSeconds()));
    }

    @Override
    public Uni<SignedIn> complete(String code, String state, String error, String loginCookie) {
        LoginAttempt attempt = loginCookie == null ? null : cookies.openLogin(loginCookie);
        if (attempt == null) {
            return fail("This sign-in took too long or was started in another browser. Please sign in again.");
        }
        if (state == null || !constantTimeEquals(state, attempt.state())) {
            return fail("This sign-in answer does not belong to the sign-in you started. Please sign in again.");
        }
        if (error != null) {
            return fail("The identity provider did not sign you in (" + error.replaceAll("[^A-Za-z0-9_.-]", "") + ").");
        }
        if (code == null || code.isBlank()) {
            return fail("The identity provider's answer has no authorization code. Please sign in again.");
        }
        return provider.exchange(code, attempt, settings.callbackUrl()).map(person -> {
            Instant now = clock.instant();
            Instant cap = now.plus(settings.sessionMaxLifetime());
            Instant expires = person.expiresAt().isBefore(cap) ? person.expiresAt() : cap;
            if (!expires.isAfter(now)) {
                throw new SignInFailed("The identity provider's sign-in has already expired. Please sign in again.");
            }
            BrowserSession session = new BrowserSession(random(24),
                    new Session(person.subject(), person.name(), person.companyId(), person.groups(), expires));
            String location = attempt.returnTo().equals(ReturnPath.HOME) ? homeOf(session) : attempt.returnTo();
            return new SignedIn(location, cookies.seal(session), expires.getEpochSecond() - now.getEpochSecond());
        });
    }

    @Override
    public Uni<String> signOut(String sessionCookie) {
        BrowserSession session = sessionCookie == null ? null : cookies.open(sessionCookie);
        Uni<Void> end = session == null ? Uni.createFrom().voidItem() : ended.end(session.id(), session.expiresAt());
        return end.chain(() -> provider.endSessionUrl(settings.publicUrl() + ReturnPath.HOME));
    }

    @Override
    public String home(String sessionCookie) {
        BrowserSession session = sessionCookie == null ? null : cookies.open(sessionCookie);
        if (session == null || session.expiredAt(clock.instant()) || ended.hasEnded(session.id())) {
            return "/login";
        }
        return homeOf(session);
    }

    private static String homeOf(BrowserSession session) {
        return session.person().groups().contains(AccessPolicy.TRUFFLE_STAFF) ? STAFF_HOME : COMPANY_HOME;
    }

    private static <T> Uni<T> fail(String message) {
        return Uni.createFrom().failure(new SignInFailed(message));
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static boolean constantTimeEquals(String a, String b) {
        return a != null && b != null && java.security.MessageDigest.isEqual(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8), b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

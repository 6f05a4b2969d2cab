package com.truffle.gateway.adapter.in.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.in.SignInUseCase;
import com.truffle.gateway.application.port.out.IdentityProviderPort.SignInFailed;
import com.truffle.gateway.domain.problem.Denial;
import com.truffle.gateway.domain.problem.DenialFormat;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

/**
 * The browser's way in and out, answered by the gateway itself: {@code /login} (to the identity provider with a
 * fresh state, PKCE and nonce), {@code /auth/callback} (the code for a sealed session cookie), {@code /logout}
 * (GET or POST: the session ended on every replica, the cookie cleared, then the provider's sign-out) and
 * {@code /} (the person's start page, or sign-in).
 */
@ApplicationScoped
public class SignInRoutes {

    private static final Logger LOG = Logger.getLogger(SignInRoutes.class);
    private static final String CALLBACK = "/auth/callback";

    private final SignInUseCase signIn;
    private final CookieSettings cookies;

    @Inject
    public SignInRoutes(SignInUseCase signIn, CookieSettings cookies) {
        this.signIn = signIn;
        this.cookies = cookies;
    }

    void install(Router router) {
        router.get("/").handler(rc -> redirect(rc, signIn.home(cookie(rc, cookies.session()))));
        router.get("/login").handler(this::login);
        router.get(CALLBACK).handler(this::callback);
        router.route("/logout").method(HttpMethod.GET).method(HttpMethod.POST).handler(this::logout);
    }

    private void login(RoutingContext rc) {
        respond(rc, signIn.begin(rc.request().getParam("next")), to -> {
            rc.response().addCookie(Cookie.cookie(cookies.login(), to.loginCookie()).setPath(CALLBACK).setHttpOnly(true)
                    .setSecure(cookies.secure()).setSameSite(CookieSameSite.LAX).setMaxAge(to.loginCookieSeconds()));
            redirect(rc, to.location());
        });
    }

    private void callback(RoutingContext rc) {
        var p = rc.request().params();
        respond(rc, signIn.complete(p.get("code"), p.get("state"), p.get("error"), cookie(rc, cookies.login())), done -> {
            rc.response().addCookie(Cookie.cookie(cookies.login(), "").setPath(CALLBACK).setHttpOnly(true)
                    .setSecure(cookies.secure()).setSameSite(CookieSameSite.LAX).setMaxAge(0));
            rc.response().addCookie(Cookie.cookie(cookies.session(), done.sessionCookie()).setPath("/").setHttpOnly(true)
                    .setSecure(cookies.secure()).setSameSite(CookieSameSite.LAX).setMaxAge(done.maxAgeSeconds()));
            redirect(rc, done.location());
        });
    }

    private void logout(RoutingContext rc) {
        Uni<String> next = signIn.signOut(cookie(rc, cookies.session())).onFailure().recoverWithItem(e -> {
            LOG.warnf("sign-out could not be broadcast: %s", e.toString());
            return "/";
        });
        respond(rc, next, location -> {
            rc.response().addCookie(Cookie.cookie(cookies.session(), "").setPath("/").setHttpOnly(true)
                    .setSecure(cookies.secure()).setSameSite(CookieSameSite.LAX).setMaxAge(0));
            redirect(rc, location);
        });
    }

    /** Runs {@code then} on the request's own event loop once {@code answer} is there; a sign-in failure is a page. */
    private static <T> void respond(RoutingContext rc, Uni<T> answer, java.util.function.Consumer<T> then) {
        Context context = Vertx.currentContext();
        answer.subscribe().with(
                value -> onContext(context, () -> then.accept(value)),
                failure -> onContext(context, () -> {
                    String why = failure instanceof SignInFailed ? failure.getMessage() : "Sign-in failed unexpectedly. Please try again.";
                    if (!(failure instanceof SignInFailed)) {
                        LOG.errorf("sign-in failed: %s", failure.toString());
                    }
                    Denial denial = failure instanceof SignInFailed f && f.unavailable() ? Denial.signInUnavailable(why)
                            : Denial.signInFailed(why);
                    ProblemResponses.send(rc.response(), denial, RequestIdFilter.of(rc), DenialFormat.HTML);
                }));
    }

    static void redirect(RoutingContext rc, String location) {
        rc.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, location)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
    }

    private static String cookie(RoutingContext rc, String name) {
        if (rc.request().getHeader(HttpHeaders.COOKIE) == null) {
            return null;
        }
        Cookie c = rc.request().getCookie(name);
        return c == null || c.getValue().isEmpty() ? null : c.getValue();
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}

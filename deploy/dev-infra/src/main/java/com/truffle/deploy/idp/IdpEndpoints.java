package com.truffle.deploy.idp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.truffle.deploy.idp.IdpTokens.Person;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The dev provider's HTTP side: discovery, keys, the sign-in form, the code and token endpoints, sign-out. */
final class IdpEndpoints {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long CODE_LIFETIME_MILLIS = 60_000;
    private static final Pattern COMPANY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String[] OAUTH_PARAMS = {"response_type", "client_id", "redirect_uri", "scope", "state",
            "code_challenge", "code_challenge_method", "nonce"};
    private static final String COMPANY_ADMIN = "company-admin";
    private static final String STAFF = "truffle-staff";

    /** A code handed to a client: single use, one minute. */
    private record Grant(String clientId, String redirectUri, String challenge, String nonce, String scope, Person person,
            long expiresAtMillis) {
    }

    private final DevIdentityProvider idp;
    private final IdpTokens tokens;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    IdpEndpoints(DevIdentityProvider idp, IdpTokens tokens) {
        this.idp = idp;
        this.tokens = tokens;
    }

    void install(Router router) {
        router.get("/.well-known/openid-configuration").handler(this::discovery);
        router.get("/.well-known/jwks.json").handler(rc -> json(rc, 200, new JsonObject(idp.jwksJson())));
        router.get("/authorize").handler(this::authorizeForm);
        router.post("/authorize").handler(this::authorizeAnswer);
        router.post("/token").handler(this::token);
        router.get("/logout").handler(this::logout);
        router.post("/tokens").handler(this::devToken);
    }

    private void discovery(RoutingContext rc) {
        String base = idp.url();
        json(rc, 200, new JsonObject()
                .put("issuer", idp.issuer())
                .put("authorization_endpoint", base + "/authorize")
                .put("token_endpoint", base + "/token")
                .put("jwks_uri", idp.jwksUrl())
                .put("end_session_endpoint", base + "/logout")
                .put("response_types_supported", new JsonArray().add("code"))
                .put("grant_types_supported", new JsonArray().add("authorization_code"))
                .put("code_challenge_methods_supported", new JsonArray().add("S256"))
                .put("subject_types_supported", new JsonArray().add("public"))
                .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256"))
                .put("scopes_supported", new JsonArray().add("openid").add("profile").add("email"))
                .put("token_endpoint_auth_methods_supported", new JsonArray().add("client_secret_basic").add("client_secret_post").add("none"))
                .put("claims_supported", new JsonArray().add("sub").add("name").add("email").add("company_id").add("groups")));
    }

    // ------------------------------------------------------------------ the sign-in form

    private void authorizeForm(RoutingContext rc) {
        Map<String, String> oauth = oauthParams(rc.request().params());
        String problem = requestProblem(oauth);
        if (problem != null) {
            page(rc, 400, "Sign-in request not accepted", "<p>" + esc(problem) + "</p>");
            return;
        }
        form(rc, 200, oauth, Map.of(), "", "", "", COMPANY_ADMIN);
    }

    private void authorizeAnswer(RoutingContext rc) {
        MultiMap f = rc.request().formAttributes();
        Map<String, String> oauth = oauthParams(f);
        String problem = requestProblem(oauth);
        if (problem != null) {
            page(rc, 400, "Sign-in request not accepted", "<p>" + esc(problem) + "</p>");
            return;
        }
        String email = trim(f.get("email"));
        String name = trim(f.get("name"));
        String company = trim(f.get("company"));
        String role = f.get("role");
        Map<String, String> errors = new LinkedHashMap<>();
        if (email.isEmpty() || email.length() > 200) {
            errors.put("email", "Enter your email address.");
        }
        if (!COMPANY_ADMIN.equals(role) && !STAFF.equals(role)) {
            errors.put("role", "Choose company admin or Truffle staff.");
        }
        if (COMPANY_ADMIN.equals(role) && !COMPANY.matcher(company).matches()) {
            errors.put("company", "Enter your company's id: letters, digits, '.', '_' or '-' (up to 64).");
        }
        if (!errors.isEmpty()) {
            form(rc, 400, oauth, errors, email, name, company, role == null ? COMPANY_ADMIN : role);
            return;
        }
        Person person = new Person(email, name.isEmpty() ? null : name, STAFF.equals(role) ? null : company, List.of(role));
        String code = random(32);
        codes.put(code, new Grant(oauth.get("client_id"), oauth.get("redirect_uri"), oauth.get("code_challenge"),
                oauth.get("nonce"), oauth.get("scope"), person, System.currentTimeMillis() + CODE_LIFETIME_MILLIS));
        StringBuilder to = new StringBuilder(oauth.get("redirect_uri"));
        to.append(to.indexOf("?") < 0 ? '?' : '&').append("code=").append(enc(code));
        if (!oauth.get("state").isEmpty()) {
            to.append("&state=").append(enc(oauth.get("state")));
        }
        rc.response().setStatusCode(302).putHeader("Location", to.toString()).putHeader("Cache-Control", "no-store").end();
    }

    private void form(RoutingContext rc, int status, Map<String, String> oauth, Map<String, String> errors, String email,
            String name, String company, String role) {
        StringBuilder hidden = new StringBuilder();
        for (String p : OAUTH_PARAMS) {
            hidden.append("<input type=\"hidden\" name=\"").append(p).append("\" value=\"").append(esc(oauth.get(p))).append("\">");
        }
        String body = "<p class=\"lede\">This is the local stack's stand-in for Truffle's sign-in: say who you are.</p>"
                + "<form method=\"post\" action=\"/authorize\" novalidate>" + hidden
                + field("email", "Email", "email", email, errors)
                + field("name", "Name", "text", name, errors)
                + field("company", "Company", "text", company, errors).replace("</label>",
                        " <span class=\"hint\">(the company id, e.g. acme; not needed for staff)</span></label>")
                + "<fieldset" + (errors.containsKey("role") ? " aria-describedby=\"role-error\"" : "") + "><legend>Role</legend>"
                + radio("role-admin", COMPANY_ADMIN, "Company admin", role)
                + radio("role-staff", STAFF, "Truffle staff", role)
                + (errors.containsKey("role") ? "<p class=\"error\" id=\"role-error\">" + esc(errors.get("role")) + "</p>" : "")
                + "</fieldset><button type=\"submit\">Sign in</button></form>";
        page(rc, status, "Sign in to Truffle", body);
    }

    private static String field(String id, String label, String type, String value, Map<String, String> errors) {
        String error = errors.get(id);
        return "<p class=\"field\"><label for=\"" + id + "\">" + label + "</label><input id=\"" + id + "\" name=\"" + id
                + "\" type=\"" + type + "\" value=\"" + esc(value) + "\"" + (error == null ? "" : " aria-invalid=\"true\" aria-describedby=\"" + id + "-error\"")
                + (id.equals("email") ? " autocomplete=\"email\"" : id.equals("name") ? " autocomplete=\"name\"" : "") + ">"
                + (error == null ? "" : "<span class=\"error\" id=\"" + id + "-error\">" + esc(error) + "</span>") + "</p>";
    }

    private static String radio(String id, String value, String label, String chosen) {
        return "<p class=\"choice\"><input type=\"radio\" id=\"" + id + "\" name=\"role\" value=\"" + value + "\""
                + (value.equals(chosen) ? " checked" : "") + "><label for=\"" + id + "\">" + label + "</label></p>";
    }

    // ------------------------------------------------------------------ code → tokens

    private void token(RoutingContext rc) {
        MultiMap f = rc.request().formAttributes();
        if (!"authorization_code".equals(f.get("grant_type"))) {
            oauthError(rc, "unsupported_grant_type", "only authorization_code");
            return;
        }
        Grant grant = f.get("code") == null ? null : codes.remove(f.get("code"));
        if (grant == null || grant.expiresAtMillis() < System.currentTimeMillis()) {
            oauthError(rc, "invalid_grant", "the code is unknown, used or expired");
            return;
        }
        String clientId = clientId(rc, f);
        if (clientId == null || !clientId.equals(grant.clientId())) {
            oauthError(rc, "invalid_grant", "the code was issued to another client");
            return;
        }
        if (!grant.redirectUri().equals(f.get("redirect_uri"))) {
            oauthError(rc, "invalid_grant", "redirect_uri differs from the authorization request's");
            return;
        }
        String verifier = f.get("code_verifier");
        if (verifier == null || !grant.challenge().equals(s256(verifier))) {
            oauthError(rc, "invalid_grant", "the PKCE code_verifier does not match the code_challenge");
            return;
        }
        rc.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
        json(rc, 200, new JsonObject()
                .put("access_token", tokens.accessToken(grant.person(), grant.clientId(), grant.scope()))
                .put("id_token", tokens.idToken(grant.person(), grant.clientId(), grant.nonce()))
                .put("token_type", "Bearer")
                .put("expires_in", DevIdentityProvider.TOKEN_LIFETIME_SECONDS)
                .put("scope", grant.scope() == null || grant.scope().isEmpty() ? "openid" : grant.scope()));
    }

    /** client_secret_basic or client_secret_post (a dev provider accepts any secret) or a public client's client_id. */
    private static String clientId(RoutingContext rc, MultiMap form) {
        String auth = rc.request().getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return java.net.URLDecoder.decode(colon < 0 ? decoded : decoded.substring(0, colon), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return form.get("client_id");
    }

    private void logout(RoutingContext rc) {
        String back = rc.request().getParam("post_logout_redirect_uri");
        if (DevIdentityProvider.acceptableRedirect(back)) {
            rc.response().setStatusCode(302).putHeader("Location", back).putHeader("Cache-Control", "no-store").end();
            return;
        }
        page(rc, 200, "You are signed out", "<p>You have signed out of Truffle.</p>");
    }

    // ------------------------------------------------------------------ POST /tokens (curl, tests)

    private void devToken(RoutingContext rc) {
        JsonObject body;
        try {
            body = rc.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null) {
            problem(rc, "the body must be a JSON object like {\"sub\":\"alice\",\"company_id\":\"acme\",\"groups\":[\"company-admin\"]}",
                    List.of());
            return;
        }
        List<String[]> errors = new ArrayList<>();
        Object sub = body.getValue("sub");
        if (!(sub instanceof String s) || s.isBlank()) {
            errors.add(new String[] {"sub", "must be a non-blank string"});
        }
        Object company = body.getValue("company_id");
        if (company != null && (!(company instanceof String c) || c.isBlank())) {
            errors.add(new String[] {"company_id", "must be a non-blank string when present"});
        }
        Object name = body.getValue("name");
        if (name != null && !(name instanceof String)) {
            errors.add(new String[] {"name", "must be a string when present"});
        }
        Object groups = body.getValue("groups");
        List<String> groupList = new ArrayList<>();
        if (!(groups instanceof JsonArray array)) {
            errors.add(new String[] {"groups", "must be an array of strings, e.g. [\"company-admin\"]"});
        } else {
            for (Object g : array) {
                if (!(g instanceof String gs) || gs.isBlank()) {
                    errors.add(new String[] {"groups", "every group must be a non-blank string"});
                    break;
                }
                groupList.add(gs);
            }
        }
        if (!errors.isEmpty()) {
            problem(rc, "the token request is invalid", errors);
            return;
        }
        rc.response().putHeader("Cache-Control", "no-store");
        json(rc, 200, new JsonObject()
                .put("token", tokens.session((String) sub, (String) name, (String) company, groupList))
                .put("token_type", "Bearer")
                .put("expires_in", DevIdentityProvider.TOKEN_LIFETIME_SECONDS));
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, String> oauthParams(MultiMap from) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : OAUTH_PARAMS) {
            String v = from.get(p);
            out.put(p, v == null ? "" : v);
        }
        return out;
    }

    /** What is wrong with an authorization request, or null. */
    private static String requestProblem(Map<String, String> p) {
        if (!"code".equals(p.get("response_type"))) {
            return "Only the authorization-code flow is supported (response_type=code).";
        }
        if (p.get("client_id").isEmpty()) {
            return "The request names no client (client_id).";
        }
        if (!DevIdentityProvider.acceptableRedirect(p.get("redirect_uri"))) {
            return "The request's redirect_uri must be an absolute http(s) URL.";
        }
        if (p.get("code_challenge").isEmpty() || !"S256".equals(p.get("code_challenge_method"))) {
            return "PKCE is required: a code_challenge with code_challenge_method=S256.";
        }
        return null;
    }

    private static void page(RoutingContext rc, int status, String title, String body) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + esc(title) + " · Dev identity provider</title>"
                + "<style>body{font-family:system-ui,sans-serif;background:#f7f6f4;color:#1c1917;margin:0}"
                + "main{max-width:460px;margin:3rem auto;background:#fff;border:1px solid #e7e5e4;border-radius:10px;padding:1.5rem 2rem}"
                + "h1{font-size:1.4rem}.lede{color:#57534e}label,legend{display:block;font-weight:600;margin-bottom:.3rem}"
                + ".hint{font-weight:400;color:#57534e}input[type=text],input[type=email]{width:100%;padding:.6rem;border:1px solid #a8a29e;"
                + "border-radius:8px;font:inherit;box-sizing:border-box;min-height:44px}fieldset{border:0;padding:0;margin:0 0 1rem}"
                + ".choice{display:flex;gap:.5rem;align-items:center;margin:.3rem 0}.choice label{display:inline;font-weight:400;margin:0}"
                + ".error{display:block;color:#7f1d1d;margin-top:.3rem}button{background:#6d28d9;color:#fff;border:0;border-radius:8px;"
                + "padding:.65rem 1.2rem;font:inherit;font-weight:600;min-height:44px;cursor:pointer}"
                + ":focus-visible{outline:3px solid #2563eb;outline-offset:2px}</style></head>"
                + "<body><main><h1>" + esc(title) + "</h1>" + body + "</main></body></html>";
        rc.response().setStatusCode(status).putHeader("Content-Type", "text/html;charset=UTF-8")
                .putHeader("Cache-Control", "no-store").end(html);
    }

    private static void json(RoutingContext rc, int status, JsonObject body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static void oauthError(RoutingContext rc, String error, String description) {
        rc.response().putHeader("Cache-Control", "no-store");
        json(rc, 400, new JsonObject().put("error", error).put("error_description", description));
    }

    private static void problem(RoutingContext rc, String detail, List<String[]> fieldErrors) {
        JsonObject problem = new JsonObject().put("type", "https://docs.truffle.dev/problems/validation")
                .put("title", "Invalid token request").put("status", 400).put("detail", detail);
        if (!fieldErrors.isEmpty()) {
            JsonArray errors = new JsonArray();
            fieldErrors.forEach(e -> errors.add(new JsonObject().put("field", e[0]).put("message", e[1])));
            problem.put("errors", errors);
        }
        rc.response().setStatusCode(400).putHeader("Content-Type", "application/problem+json").end(problem.encode());
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}

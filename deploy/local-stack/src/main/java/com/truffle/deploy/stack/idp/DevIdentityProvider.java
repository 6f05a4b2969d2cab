package com.truffle.deploy.stack.idp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.truffle.deploy.stack.http.SmallHttpServer;
import com.truffle.deploy.stack.http.SmallHttpServer.Request;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * A development identity provider standing in for Truffle's real one, <strong>for local runs and tests
 * only</strong>: it hands a signed session token to anybody who asks, with whatever subject, company and
 * groups they ask for. Never deploy it anywhere reachable by others.
 *
 * <p>The tokens are real RS256 JWTs signed with an RSA 2048 key made fresh at every start (so tokens never
 * outlive a run), and the public key is published as a JWKS exactly as an OIDC provider would, which is how
 * the gateway learns it ({@code TRUFFLE_IDP_JWKS_URL}).
 *
 * <ul>
 *   <li>{@code GET /.well-known/jwks.json}: the public key set</li>
 *   <li>{@code GET /.well-known/openid-configuration}: issuer and jwks_uri</li>
 *   <li>{@code POST /tokens} {@code {"sub":"alice","company_id":"acme","groups":["company-admin"]}} →
 *       {@code {"token":"…","expires_in":3600}}; claims iss, sub, upn (= sub), company_id (omitted when absent),
 *       groups, iat, exp (+1 h), jti</li>
 * </ul>
 */
public final class DevIdentityProvider implements AutoCloseable {

    public static final String DEFAULT_ISSUER = "truffle-dev-idp";
    public static final long TOKEN_LIFETIME_SECONDS = 3600;
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_TYPE_BASE = "https://docs.truffle.dev/problems/";

    private final String issuer;
    private final RsaJsonWebKey signingKey;
    private final SmallHttpServer http = new SmallHttpServer("dev identity provider");

    /** An IdP with issuer {@value #DEFAULT_ISSUER}. */
    public DevIdentityProvider() {
        this(DEFAULT_ISSUER);
    }

    public DevIdentityProvider(String issuer) {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("issuer must not be blank");
        }
        this.issuer = issuer;
        try {
            signingKey = RsaJwkGenerator.generateJwk(2048);
        } catch (JoseException e) {
            throw new IllegalStateException("could not generate the IdP's RSA key", e);
        }
        signingKey.setKeyId("dev-idp-" + UUID.randomUUID().toString().substring(0, 8));
        signingKey.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        signingKey.setUse("sig");
        http.route("GET", "/\\.well-known/jwks\\.json", this::jwks)
                .route("GET", "/\\.well-known/openid-configuration", this::openidConfiguration)
                .route("POST", "/tokens", this::tokens);
    }

    /** Listens on 127.0.0.1:{@code port}; 0 picks a free port. */
    public DevIdentityProvider start(int port) {
        http.start(port);
        return this;
    }

    public int port() {
        return http.port();
    }

    public String url() {
        return http.url();
    }

    public String issuer() {
        return issuer;
    }

    public String jwksUrl() {
        return url() + "/.well-known/jwks.json";
    }

    /** The key id ({@code kid}) of this run's signing key. */
    public String keyId() {
        return signingKey.getKeyId();
    }

    /** The public key set, as served on {@code /.well-known/jwks.json}. */
    public String jwksJson() {
        return new JsonWebKeySet(signingKey).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** Mints a session token in-process (same token {@code POST /tokens} returns). */
    public String mint(String sub, String companyId, List<String> groups) {
        if (sub == null || sub.isBlank()) {
            throw new IllegalArgumentException("sub must not be blank");
        }
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(sub);
        claims.setClaim("upn", sub);
        if (companyId != null) {
            claims.setClaim("company_id", companyId);
        }
        claims.setStringListClaim("groups", groups == null ? List.of() : List.copyOf(groups));
        NumericDate now = NumericDate.now();
        NumericDate expires = NumericDate.fromSeconds(now.getValue());
        expires.addSeconds(TOKEN_LIFETIME_SECONDS);
        claims.setIssuedAt(now);
        claims.setExpirationTime(expires);
        claims.setJwtId(UUID.randomUUID().toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signingKey.getPrivateKey());
        jws.setKeyIdHeaderValue(signingKey.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign the token", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private void jwks(Request request) throws IOException {
        request.header("Cache-Control", "no-store");
        request.send(200, "application/json", jwksJson().getBytes(StandardCharsets.UTF_8));
    }

    private void openidConfiguration(Request request) throws IOException {
        ObjectNode body = SmallHttpServer.JSON.createObjectNode();
        body.put("issuer", issuer);
        body.put("jwks_uri", jwksUrl());
        body.put("token_endpoint", url() + "/tokens");
        body.putArray("id_token_signing_alg_values_supported").add(AlgorithmIdentifiers.RSA_USING_SHA256);
        body.putArray("subject_types_supported").add("public");
        body.putArray("response_types_supported").add("id_token");
        body.putArray("claims_supported").add("sub").add("upn").add("company_id").add("groups");
        request.json(200, body);
    }

    private void tokens(Request request) throws IOException {
        JsonNode body = request.jsonOrNull();
        if (body == null || !body.isObject()) {
            problem(request, "the body must be a JSON object like "
                    + "{\"sub\":\"alice\",\"company_id\":\"acme\",\"groups\":[\"company-admin\"]}", List.of());
            return;
        }
        List<String[]> errors = new ArrayList<>();
        JsonNode sub = body.get("sub");
        if (sub == null || !sub.isTextual() || sub.asText().isBlank()) {
            errors.add(new String[] {"sub", "must be a non-blank string"});
        }
        JsonNode company = body.get("company_id");
        if (company != null && !company.isNull() && (!company.isTextual() || company.asText().isBlank())) {
            errors.add(new String[] {"company_id", "must be a non-blank string when present"});
        }
        JsonNode groups = body.get("groups");
        List<String> groupList = new ArrayList<>();
        if (groups == null || !groups.isArray()) {
            errors.add(new String[] {"groups", "must be an array of strings, e.g. [\"company-admin\"]"});
        } else {
            for (JsonNode g : groups) {
                if (!g.isTextual() || g.asText().isBlank()) {
                    errors.add(new String[] {"groups", "every group must be a non-blank string"});
                    break;
                }
                groupList.add(g.asText());
            }
        }
        if (!errors.isEmpty()) {
            problem(request, "the token request is invalid", errors);
            return;
        }
        String companyId = company == null || company.isNull() ? null : company.asText();
        ObjectNode out = SmallHttpServer.JSON.createObjectNode();
        out.put("token", mint(sub.asText(), companyId, groupList));
        out.put("token_type", "Bearer");
        out.put("expires_in", TOKEN_LIFETIME_SECONDS);
        request.header("Cache-Control", "no-store");
        request.json(200, out);
    }

    private static void problem(Request request, String detail, List<String[]> fieldErrors) throws IOException {
        ObjectNode problem = SmallHttpServer.JSON.createObjectNode();
        problem.put("type", PROBLEM_TYPE_BASE + "validation");
        problem.put("title", "Invalid token request");
        problem.put("status", 400);
        problem.put("detail", detail);
        if (!fieldErrors.isEmpty()) {
            ArrayNode errors = problem.putArray("errors");
            for (String[] e : fieldErrors) {
                errors.addObject().put("field", e[0]).put("message", e[1]);
            }
        }
        request.send(400, PROBLEM_JSON, SmallHttpServer.JSON.writeValueAsBytes(problem));
    }
}

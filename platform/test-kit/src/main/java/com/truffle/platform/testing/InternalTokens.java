package com.truffle.platform.testing;

import java.util.List;
import java.util.UUID;

import com.truffle.deploy.idp.SignedJwt;

/** Internal JWTs as the gateway issues them (issuer truffle-gateway), signed with the test key. */
public final class InternalTokens {

    public static String apiKey(String companyId, String permission) {
        List<String> groups = switch (permission) {
            case "ADMIN" -> List.of("READ", "WRITE", "ADMIN");
            case "WRITE" -> List.of("READ", "WRITE");
            default -> List.of(permission);
        };
        return sign("api-key:" + UUID.randomUUID(), companyId, groups);
    }

    public static String companyAdmin(String companyId) {
        return sign("user:admin@" + companyId, companyId, List.of("company-admin"));
    }

    /** A company admin signed in in a browser, as the gateway forwards page requests (with a display name). */
    public static String companyAdminInBrowser(String companyId, String name) {
        return sign("user:admin@" + companyId, companyId, List.of("company-admin", "company-member"), name);
    }

    /** Truffle staff signed in in a browser. */
    public static String staffInBrowser(String name) {
        return sign("staff:reviewer@truffle.dev", null, List.of("truffle-staff"), name);
    }

    public static String staff() {
        return sign("staff:reviewer@truffle.dev", null, List.of("truffle-staff"));
    }

    public static String partnerAshby(String companyId) {
        return sign("partner:ashby", companyId, List.of("PARTNER_ASHBY"));
    }

    /** The services an internal JWT may be for. */
    public static final List<String> SERVICES = List.of("key-service", "access-request-service", "screening-service",
            "ashby-connector-service");

    public static String service(String name) {
        return sign("service:" + name, null, List.of("truffle-service"));
    }

    public static String sign(String principal, String companyId, List<String> groups) {
        return sign(principal, companyId, groups, null);
    }

    public static String sign(String principal, String companyId, List<String> groups, String name) {
        return sign(principal, companyId, groups, name, SERVICES);
    }

    /** A company admin's token addressed to other services only: the service under test must refuse it. */
    public static String companyAdminFor(String companyId, List<String> audiences) {
        return sign("user:admin@" + companyId, companyId, List.of("company-admin"), null, audiences);
    }

    static String sign(String principal, String companyId, List<String> groups, String name, List<String> audiences) {
        // as the gateway addresses them: for the service under test (any of the four; each checks its own name)
        return SignedJwt.issuedBy("truffle-gateway").audience(audiences).subject(principal).claim("principal", principal)
                .claim("company_id", companyId).claim("name", name).groups(groups).validFor(600)
                .sign(TestKeys.pair().getPrivate(), null);
    }

    private InternalTokens() {
    }
}

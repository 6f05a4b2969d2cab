package com.truffle.gateway.adapter.in.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.truffle.gateway.domain.routing.CredentialType;
import com.truffle.gateway.domain.routing.GatewayRoutes;
import com.truffle.gateway.domain.routing.RequiredAccess;
import com.truffle.gateway.domain.routing.Route;
import com.truffle.gateway.support.FakeService;
import com.truffle.gateway.support.GatewayTestResource;
import com.truffle.gateway.support.Replica;
import com.truffle.gateway.support.TestApiKey;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every declared route × every kind of caller, through the running gateway to recording services: the status the
 * caller sees, and for what was forwarded, which service got it and as whom (the internal JWT's claims) — with
 * none of the identity headers the caller tried to smuggle in.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class PermissionMatrixTest {

    static final String ACME = "acme-matrix";
    static final String GLOBEX = "globex-matrix";

    enum Caller { NO_KEY, GARBAGE, READ, WRITE, ADMIN, PARTNER_ASHBY, COMPANY_ADMIN_SESSION, STAFF_SESSION, OTHER_COMPANY_KEY }

    static TestApiKey read;
    static TestApiKey write;
    static TestApiKey admin;
    static TestApiKey partner;
    static TestApiKey otherCompanyAdmin;
    static String companyAdminSession;
    static String staffSession;

    @BeforeAll
    static void keys() {
        read = Replica.admit(TestApiKey.live(ACME, "READ"));
        write = Replica.admit(TestApiKey.live(ACME, "WRITE"));
        admin = Replica.admit(TestApiKey.live(ACME, "ADMIN"));
        partner = Replica.admit(TestApiKey.ashby(ACME));
        otherCompanyAdmin = Replica.admit(TestApiKey.live(GLOBEX, "ADMIN"));
        companyAdminSession = GatewayTestResource.idp().companyAdmin("alice", ACME);
        staffSession = GatewayTestResource.idp().staff("rita");
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Route route : GatewayRoutes.table().routes()) {
            for (Caller caller : Caller.values()) {
                cases.add(Arguments.of(route.name(), caller, route));
            }
        }
        return cases.stream();
    }

    /** The expected answer, from the rules, independently of the gateway's code. */
    static int expected(Route route, Caller caller) {
        RequiredAccess need = route.access();
        if (need == RequiredAccess.PUBLIC) {
            return 200;
        }
        if (need.credential() == CredentialType.BROWSER) {
            // a page takes the browser session cookie only: without it a GET goes to sign in, anything else is 401
            return route.method().name().equals("GET") ? 302 : 401;
        }
        switch (caller) {
            case NO_KEY, GARBAGE:
                return 401;
            case PARTNER_ASHBY:
                // Ashby's HTTP Basic is accepted on the partner routes only
                return need == RequiredAccess.PARTNER_ASHBY ? 200 : 401;
            case READ, WRITE, ADMIN: {
                if (need.credential() != CredentialType.API_KEY) {
                    return 403;
                }
                int have = List.of(Caller.READ, Caller.WRITE, Caller.ADMIN).indexOf(caller);
                int want = List.of(RequiredAccess.READ, RequiredAccess.WRITE, RequiredAccess.ADMIN).indexOf(need);
                return have >= want ? 200 : 403;
            }
            case OTHER_COMPANY_KEY:
                // an ADMIN key of another company passes the gateway, as its own company: acme's resources are not found
                if (need.credential() != CredentialType.API_KEY) {
                    return 403;
                }
                return route.path().toString().contains("{") ? 404 : 200;
            case COMPANY_ADMIN_SESSION:
                return need == RequiredAccess.COMPANY_ADMIN ? 200 : 403;
            case STAFF_SESSION:
                return need == RequiredAccess.TRUFFLE_STAFF ? 200 : 403;
            default:
                throw new IllegalArgumentException(caller.name());
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void everyRouteAnswersEveryCallerAsDeclared(String name, Caller caller, Route route) {
        String requestId = "matrix-" + UUID.randomUUID();
        String path = route.path().example("res-of-" + ACME);
        RequestSpecification request = given().redirects().follow(false)
                .header("X-Request-Id", requestId)
                // what a caller might try, to pass for someone else: none of it may reach a service
                .header("X-Truffle-Company-Id", GLOBEX)
                .header("X-Truffle-Principal", "staff:mallory")
                .header("X-Forwarded-User", "mallory")
                .header("X-Internal-Groups", "truffle-staff")
                .header("X-Api-Key", "trf_live_smuggled")
                .contentType("application/json").body("{}");
        credential(request, caller);
        Response response = request.request(route.method().name(), path);

        int status = expected(route, caller);
        assertThat(response.statusCode()).as("%s %s as %s: %s", route.method(), path, caller, response.asString())
                .isEqualTo(status);
        assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(response.headers().getValues("X-Request-Id")).hasSize(1);

        FakeService upstream = GatewayTestResource.service(route.upstream().serviceName());
        List<FakeService.Received> got = upstream.withRequestId(requestId);
        if ((status == 401 || status == 403) && route.access() == RequiredAccess.PARTNER_ASHBY) {
            // Ashby calls these: its error envelope (DESIGN §4), same status, the problem's slug as the code
            response.then().contentType("application/json")
                    .body("success", equalTo(false))
                    .body("errors[0]", equalTo(response.jsonPath().getString("errorInfo.code")))
                    .body("errorInfo.message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()))
                    .body("errorInfo.requestId", equalTo(requestId));
            if (status == 403) {
                response.then().body("errorInfo.meta.required_permission", equalTo(need(route)));
                assertThat(response.jsonPath().getString("errorInfo.meta.granted_permission")).isNotBlank();
            }
        } else if (route.access().credential() == CredentialType.BROWSER) {
            // a person in a browser: to the sign-in that comes back here, or a page saying why
            if (status == 302) {
                assertThat(response.header("Location")).isEqualTo("/login?next=" + java.net.URLEncoder.encode(path,
                        java.nio.charset.StandardCharsets.UTF_8));
            } else {
                response.then().contentType(startsWith("text/html"));
                assertThat(response.asString()).contains("Sign in required").contains(requestId);
            }
        } else if (status == 401 || status == 403) {
            response.then().contentType("application/problem+json")
                    .body("status", equalTo(status))
                    .body("type", startsWith("https://docs.truffle.dev/problems/"))
                    .body("request_id", equalTo(requestId));
            if (status == 403) {
                response.then().body("required_permission", equalTo(need(route)));
                assertThat(response.jsonPath().getString("granted_permission")).isNotBlank();
            }
        }
        if (status == 401 || status == 403 || status == 302) {
            assertThat(got).as("a denied request is never forwarded").isEmpty();
            for (String service : List.of("key-service", "access-request-service", "screening-service", "ashby-connector-service")) {
                assertThat(GatewayTestResource.service(service).withRequestId(requestId)).isEmpty();
            }
            return;
        }
        assertThat(got).as("forwarded once, to %s", route.upstream().serviceName()).hasSize(1);
        FakeService.Received r = got.get(0);
        assertThat(r.method()).isEqualTo(route.method().name());
        assertThat(r.uri()).isEqualTo(path);
        for (String smuggled : List.of("X-Truffle-Company-Id", "X-Truffle-Principal", "X-Forwarded-User", "X-Internal-Groups", "X-Api-Key")) {
            assertThat(r.header(smuggled)).as(smuggled + " reached the service").isNull();
        }
        assertThat(r.headerValues("Authorization")).hasSizeLessThanOrEqualTo(1);
        assertThat(r.header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        assertClaims(route, caller, r);
    }

    private static String need(Route route) {
        return route.access().label();
    }

    private static void assertClaims(Route route, Caller caller, FakeService.Received r) {
        Map<String, Object> c = r.claims();
        if (route.access() == RequiredAccess.PUBLIC) {
            assertThat(r.header("Authorization")).as("a public route gets no identity").isNull();
            return;
        }
        assertThat(c).as("the internal JWT").isNotNull();
        assertThat(c.get("iss")).isEqualTo("truffle-gateway");
        assertThat(c.get("sub")).isEqualTo(c.get("principal"));
        switch (caller) {
            case READ -> assertKey(c, read, List.of("READ"));
            case WRITE -> assertKey(c, write, List.of("READ", "WRITE"));
            case ADMIN -> assertKey(c, admin, List.of("READ", "WRITE", "ADMIN"));
            case OTHER_COMPANY_KEY -> assertKey(c, otherCompanyAdmin, List.of("READ", "WRITE", "ADMIN"));
            case PARTNER_ASHBY -> {
                assertThat(c.get("principal")).isEqualTo("partner:ashby");
                assertThat(c.get("company_id")).isEqualTo(ACME);
                assertThat(groups(c)).containsExactly("PARTNER_ASHBY");
            }
            case COMPANY_ADMIN_SESSION -> {
                assertThat(c.get("principal")).isEqualTo("user:alice");
                assertThat(c.get("company_id")).isEqualTo(ACME);
                assertThat(groups(c)).containsExactly("company-admin");
            }
            case STAFF_SESSION -> {
                assertThat(c.get("principal")).isEqualTo("staff:rita");
                assertThat(c).doesNotContainKey("company_id");
                assertThat(groups(c)).containsExactly("truffle-staff");
            }
            default -> throw new AssertionError(caller + " should not have been forwarded");
        }
    }

    private static void assertKey(Map<String, Object> c, TestApiKey key, List<String> groups) {
        assertThat(c.get("principal")).isEqualTo("api-key:" + key.keyId());
        assertThat(c.get("company_id")).isEqualTo(key.companyId());
        assertThat(groups(c)).containsExactlyInAnyOrderElementsOf(groups);
    }

    @SuppressWarnings("unchecked")
    private static List<String> groups(Map<String, Object> claims) {
        return (List<String>) claims.get("groups");
    }

    private static void credential(RequestSpecification request, Caller caller) {
        switch (caller) {
            case NO_KEY -> {
            }
            case GARBAGE -> request.header("Authorization", "Bearer trf_live_" + UUID.randomUUID().toString().replace("-", "") + "abcdef");
            case READ -> request.header("Authorization", read.bearer());
            case WRITE -> request.header("Authorization", write.bearer());
            case ADMIN -> request.header("Authorization", admin.bearer());
            case OTHER_COMPANY_KEY -> request.header("Authorization", otherCompanyAdmin.bearer());
            case PARTNER_ASHBY -> request.auth().preemptive().basic(partner.secret(), "");
            case COMPANY_ADMIN_SESSION -> request.header("Authorization", "Bearer " + companyAdminSession);
            case STAFF_SESSION -> request.header("Authorization", "Bearer " + staffSession);
            default -> throw new IllegalArgumentException(caller.name());
        }
    }
}

package com.truffle.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.truffle.gateway.domain.routing.GatewayRoutes;
import com.truffle.gateway.domain.routing.RequiredAccess;
import com.truffle.gateway.domain.routing.Route;
import com.truffle.gateway.domain.routing.RouteDeclarations;
import com.truffle.gateway.domain.routing.RouteTable;
import com.truffle.gateway.domain.routing.Upstream;

/** The route table is a public contract (DESIGN §4): this test fails the build when it drifts or a route lacks a permission. */
class GatewayRoutesTest {

    /**
     * DESIGN §4 and §4b (pages), plus what the services add (never rename): the two staff reads access-request-service serves, a key's
     * audit trail, and a webhook's test delivery and delivery log. method path -> service [access].
     */
    static final Set<String> CONTRACT = Set.of(
            "GET /v1/jobs -> screening-service [READ]",
            "GET /v1/jobs/{id} -> screening-service [READ]",
            "POST /v1/jobs -> screening-service [WRITE]",
            "PATCH /v1/jobs/{id} -> screening-service [WRITE]",
            "GET /v1/candidates -> screening-service [READ]",
            "GET /v1/candidates/{id} -> screening-service [READ]",
            "POST /v1/candidates -> screening-service [WRITE]",
            "PATCH /v1/candidates/{id} -> screening-service [WRITE]",
            "POST /v1/candidates/{id}/invitations -> screening-service [WRITE]",
            "GET /v1/screenings -> screening-service [READ]",
            "GET /v1/screenings/{id} -> screening-service [READ]",
            "GET /v1/webhooks -> screening-service [ADMIN]",
            "POST /v1/webhooks -> screening-service [ADMIN]",
            "DELETE /v1/webhooks/{id} -> screening-service [ADMIN]",
            "POST /v1/webhooks/{id}/test -> screening-service [ADMIN]",
            "GET /v1/webhooks/{id}/deliveries -> screening-service [ADMIN]",
            "GET /v1/account -> screening-service [ADMIN]",
            "PATCH /v1/account -> screening-service [ADMIN]",
            "POST /v1/api-access/requests -> access-request-service [company-admin]",
            "GET /v1/api-access -> access-request-service [company-admin]",
            "POST /v1/api-keys -> key-service [company-admin]",
            "GET /v1/api-keys -> key-service [company-admin]",
            "GET /v1/api-keys/{id} -> key-service [company-admin]",
            "PATCH /v1/api-keys/{id} -> key-service [company-admin]",
            "POST /v1/api-keys/{id}/regenerate -> key-service [company-admin]",
            "DELETE /v1/api-keys/{id} -> key-service [company-admin]",
            "GET /v1/api-keys/{id}/audit -> key-service [company-admin]",
            "GET /v1/integrations/ashby -> ashby-connector-service [company-admin]",
            "POST /v1/integrations/ashby/connect -> ashby-connector-service [company-admin]",
            "POST /v1/integrations/ashby/reconnect -> ashby-connector-service [company-admin]",
            "POST /v1/integrations/ashby/retry -> ashby-connector-service [company-admin]",
            "DELETE /v1/integrations/ashby -> ashby-connector-service [company-admin]",
            "GET /staff/access-requests -> access-request-service [truffle-staff]",
            "GET /staff/access-requests/{id} -> access-request-service [truffle-staff]",
            "POST /staff/access-requests/{id}/approve -> access-request-service [truffle-staff]",
            "POST /staff/access-requests/{id}/reject -> access-request-service [truffle-staff]",
            "GET /staff/companies/{id} -> access-request-service [truffle-staff]",
            "PUT /staff/companies/{id}/plan -> access-request-service [truffle-staff]",
            "POST /partners/ashby/assessment.list -> ashby-connector-service [PARTNER_ASHBY]",
            "POST /partners/ashby/assessment.start -> ashby-connector-service [PARTNER_ASHBY]",
            "POST /partners/ashby/assessment.cancel -> ashby-connector-service [PARTNER_ASHBY]",
            "POST /partners/ashby/assessment.customField.list -> ashby-connector-service [PARTNER_ASHBY]",
            "POST /partners/ashby/assessment.customFields.fetch -> ashby-connector-service [PARTNER_ASHBY]",
            "GET /screener/{token} -> screening-service [none]",
            "POST /screener/{token}/start -> screening-service [none]",
            "POST /screener/{token} -> screening-service [none]",
            "POST /screener/{token}/submit -> screening-service [none]",
            // DESIGN §4b: the pages, each in the service that owns its data
            "GET /screenings/{id} -> screening-service [company-member] (page)",
            "GET /settings/account -> screening-service [company-admin] (page)",
            "POST /settings/account -> screening-service [company-admin] (page)",
            "GET /settings/integrations -> ashby-connector-service [company-admin] (page)",
            "GET /settings/integrations/ashby/connect -> ashby-connector-service [company-admin] (page)",
            "POST /settings/integrations/ashby/connect -> ashby-connector-service [company-admin] (page)",
            "GET /settings/integrations/ashby/reconnect -> ashby-connector-service [company-admin] (page)",
            "POST /settings/integrations/ashby/reconnect -> ashby-connector-service [company-admin] (page)",
            "GET /settings/integrations/ashby/disconnect -> ashby-connector-service [company-admin] (page)",
            "POST /settings/integrations/ashby/disconnect -> ashby-connector-service [company-admin] (page)",
            "POST /settings/integrations/ashby/retry -> ashby-connector-service [company-admin] (page)",
            "GET /settings/integrations/api-access -> access-request-service [company-admin] (page)",
            "POST /settings/integrations/api-access -> access-request-service [company-admin] (page)",
            "GET /settings/api-keys -> key-service [company-admin] (page)",
            "POST /settings/api-keys -> key-service [company-admin] (page)",
            "GET /settings/api-keys/new -> key-service [company-admin] (page)",
            "GET /settings/api-keys/{id}/regenerate -> key-service [company-admin] (page)",
            "POST /settings/api-keys/{id}/regenerate -> key-service [company-admin] (page)",
            "GET /settings/api-keys/{id}/revoke -> key-service [company-admin] (page)",
            "POST /settings/api-keys/{id}/revoke -> key-service [company-admin] (page)",
            "GET /staff/review -> access-request-service [truffle-staff] (page)",
            "GET /staff/review/requests/{id}/reject -> access-request-service [truffle-staff] (page)",
            "POST /staff/review/requests/{id}/approve -> access-request-service [truffle-staff] (page)",
            "POST /staff/review/requests/{id}/reject -> access-request-service [truffle-staff] (page)",
            "GET /staff/review/companies -> access-request-service [truffle-staff] (page)",
            "GET /staff/review/companies/{id} -> access-request-service [truffle-staff] (page)",
            "POST /staff/review/companies/{id}/plan -> access-request-service [truffle-staff] (page)");

    @Test
    void theDeclaredTableHasNoProblemAtAll() {
        assertThat(GatewayRoutes.declarations().problems()).isEmpty();
    }

    @Test
    void theTableIsExactlyThePublicContract() {
        Set<String> declared = GatewayRoutes.table().routes().stream().map(Route::toString)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(declared).containsExactlyInAnyOrderElementsOf(CONTRACT);
    }

    @Test
    void aRouteWithoutAPermissionIsReportedAndRefused() {
        RouteDeclarations d = RouteDeclarations.create()
                .get("/v1/jobs").to(Upstream.SCREENING_SERVICE).requires(RequiredAccess.READ)
                .post("/v1/jobs").to(Upstream.SCREENING_SERVICE)
                .get("/v1/candidates").requires(RequiredAccess.READ)
                .declarations();
        assertThat(d.problems()).containsExactly("POST /v1/jobs: no required permission declared",
                "GET /v1/candidates: no upstream declared");
        assertThatThrownBy(d::toTable).isInstanceOf(IllegalStateException.class).hasMessageContaining("no required permission");
    }

    @Test
    void internalRoutesDuplicatesAndOverlapsAreRefused() {
        RouteDeclarations d = RouteDeclarations.create()
                .post("/internal/keys/verify").to(Upstream.KEY_SERVICE).requires(RequiredAccess.ADMIN)
                .get("/v1/jobs/{id}").to(Upstream.SCREENING_SERVICE).requires(RequiredAccess.READ)
                .get("/v1/jobs/export").to(Upstream.SCREENING_SERVICE).requires(RequiredAccess.ADMIN)
                .get("/v1/jobs/{id}").to(Upstream.SCREENING_SERVICE).requires(RequiredAccess.READ)
                .get("/v1/jobs/**").to(Upstream.SCREENING_SERVICE).requires(RequiredAccess.READ)
                .declarations();
        assertThat(d.problems()).hasSize(5)
                .anyMatch(p -> p.contains("/internal/** is for service-to-service calls"))
                .anyMatch(p -> p.startsWith("GET /v1/jobs/export: overlaps GET /v1/jobs/{id}"))
                .anyMatch(p -> p.startsWith("GET /v1/jobs/{id}: overlaps GET /v1/jobs/{id}"))
                .anyMatch(p -> p.startsWith("GET /v1/jobs/**: bad segment"));
    }

    @Test
    void requestsMatchOneRouteOrNone() {
        RouteTable table = GatewayRoutes.table();
        assertThat(table.match("GET", "/v1/jobs").toString()).isEqualTo("GET /v1/jobs -> screening-service [READ]");
        assertThat(table.match("PATCH", "/v1/jobs/j-1").access()).isEqualTo(RequiredAccess.WRITE);
        assertThat(table.match("POST", "/partners/ashby/assessment.start").upstream()).isEqualTo(Upstream.ASHBY_CONNECTOR);
        assertThat(table.match("GET", "/screener/tok3n").access()).isEqualTo(RequiredAccess.PUBLIC);
        assertThat(table.match("DELETE", "/v1/jobs/j-1")).as("method not declared").isNull();
        assertThat(table.match("HEAD", "/v1/jobs")).isNull();
        assertThat(table.match("GET", "/v1/jobs/j-1/extra")).isNull();
        assertThat(table.match("POST", "/internal/keys/verify")).isNull();
        assertThat(table.match("GET", "/")).isNull();
    }

    @Test
    void pathsAServiceCouldReadDifferentlyMatchNothing() {
        RouteTable table = GatewayRoutes.table();
        for (String sneaky : new String[] {"/v1/jobs/", "//v1/jobs", "/v1//jobs", "/v1/jobs/..", "/v1/jobs/.",
                "/v1/jobs/%2e%2e", "/v1/jobs/a%2Fb", "/v1/jobs/a%5cb", "/v1/jobs/a\\b", "/v1/jobs/%", "/v1/jobs/a%00",
                "/v1/api-keys/../../staff/companies/x/plan", "v1/jobs", ""}) {
            assertThat(table.match("GET", sneaky)).as(sneaky).isNull();
        }
        assertThat(table.match("GET", "/v1/jobs/caf%C3%A9")).as("other escapes are fine").isNotNull();
    }
}

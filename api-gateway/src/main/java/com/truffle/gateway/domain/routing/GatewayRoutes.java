package com.truffle.gateway.domain.routing;

import static com.truffle.gateway.domain.routing.RequiredAccess.ADMIN;
import static com.truffle.gateway.domain.routing.RequiredAccess.COMPANY_ADMIN;
import static com.truffle.gateway.domain.routing.RequiredAccess.COMPANY_ADMIN_PAGE;
import static com.truffle.gateway.domain.routing.RequiredAccess.COMPANY_MEMBER_PAGE;
import static com.truffle.gateway.domain.routing.RequiredAccess.PARTNER_ASHBY;
import static com.truffle.gateway.domain.routing.RequiredAccess.PUBLIC;
import static com.truffle.gateway.domain.routing.RequiredAccess.READ;
import static com.truffle.gateway.domain.routing.RequiredAccess.TRUFFLE_STAFF;
import static com.truffle.gateway.domain.routing.RequiredAccess.TRUFFLE_STAFF_PAGE;
import static com.truffle.gateway.domain.routing.RequiredAccess.WRITE;
import static com.truffle.gateway.domain.routing.Upstream.ACCESS_SERVICE;
import static com.truffle.gateway.domain.routing.Upstream.ASHBY_CONNECTOR;
import static com.truffle.gateway.domain.routing.Upstream.KEY_SERVICE;
import static com.truffle.gateway.domain.routing.Upstream.SCREENING_SERVICE;

/**
 * THE public route table (DESIGN.md §4): every path the gateway forwards, to which service, for which credential
 * and permission. The one place to change when a service adds a public route; anything not here is 404.
 */
public final class GatewayRoutes {

    public static RouteDeclarations declarations() {
        return RouteDeclarations.create()
                // the hiring API, for integrations' API keys (READ ⊂ WRITE ⊂ ADMIN)
                .get("/v1/jobs").to(SCREENING_SERVICE).requires(READ)
                .get("/v1/jobs/{id}").to(SCREENING_SERVICE).requires(READ)
                .post("/v1/jobs").to(SCREENING_SERVICE).requires(WRITE)
                .patch("/v1/jobs/{id}").to(SCREENING_SERVICE).requires(WRITE)
                .get("/v1/candidates").to(SCREENING_SERVICE).requires(READ)
                .get("/v1/candidates/{id}").to(SCREENING_SERVICE).requires(READ)
                .post("/v1/candidates").to(SCREENING_SERVICE).requires(WRITE)
                .patch("/v1/candidates/{id}").to(SCREENING_SERVICE).requires(WRITE)
                .post("/v1/candidates/{id}/invitations").to(SCREENING_SERVICE).requires(WRITE)
                .get("/v1/screenings").to(SCREENING_SERVICE).requires(READ)
                .get("/v1/screenings/{id}").to(SCREENING_SERVICE).requires(READ)
                .get("/v1/webhooks").to(SCREENING_SERVICE).requires(ADMIN)
                .post("/v1/webhooks").to(SCREENING_SERVICE).requires(ADMIN)
                .delete("/v1/webhooks/{id}").to(SCREENING_SERVICE).requires(ADMIN)
                .post("/v1/webhooks/{id}/test").to(SCREENING_SERVICE).requires(ADMIN)
                .get("/v1/webhooks/{id}/deliveries").to(SCREENING_SERVICE).requires(ADMIN)
                .get("/v1/account").to(SCREENING_SERVICE).requires(ADMIN)
                .patch("/v1/account").to(SCREENING_SERVICE).requires(ADMIN)
                // the company admin's session in the web app
                .post("/v1/api-access/requests").to(ACCESS_SERVICE).requires(COMPANY_ADMIN)
                .get("/v1/api-access").to(ACCESS_SERVICE).requires(COMPANY_ADMIN)
                .post("/v1/api-keys").to(KEY_SERVICE).requires(COMPANY_ADMIN)
                .get("/v1/api-keys").to(KEY_SERVICE).requires(COMPANY_ADMIN)
                .get("/v1/api-keys/{id}").to(KEY_SERVICE).requires(COMPANY_ADMIN)
                .patch("/v1/api-keys/{id}").to(KEY_SERVICE).requires(COMPANY_ADMIN)
                .post("/v1/api-keys/{id}/regenerate").to(KEY_SERVICE).requires(COMPANY_ADMIN)
                .delete("/v1/api-keys/{id}").to(KEY_SERVICE).requires(COMPANY_ADMIN)
                .get("/v1/api-keys/{id}/audit").to(KEY_SERVICE).requires(COMPANY_ADMIN)
                .get("/v1/integrations/ashby").to(ASHBY_CONNECTOR).requires(COMPANY_ADMIN)
                .post("/v1/integrations/ashby/connect").to(ASHBY_CONNECTOR).requires(COMPANY_ADMIN)
                .post("/v1/integrations/ashby/reconnect").to(ASHBY_CONNECTOR).requires(COMPANY_ADMIN)
                .post("/v1/integrations/ashby/retry").to(ASHBY_CONNECTOR).requires(COMPANY_ADMIN)
                .delete("/v1/integrations/ashby").to(ASHBY_CONNECTOR).requires(COMPANY_ADMIN)
                // Truffle staff
                .get("/staff/access-requests").to(ACCESS_SERVICE).requires(TRUFFLE_STAFF)
                .get("/staff/access-requests/{id}").to(ACCESS_SERVICE).requires(TRUFFLE_STAFF)
                .post("/staff/access-requests/{id}/approve").to(ACCESS_SERVICE).requires(TRUFFLE_STAFF)
                .post("/staff/access-requests/{id}/reject").to(ACCESS_SERVICE).requires(TRUFFLE_STAFF)
                .get("/staff/companies/{id}").to(ACCESS_SERVICE).requires(TRUFFLE_STAFF)
                .put("/staff/companies/{id}/plan").to(ACCESS_SERVICE).requires(TRUFFLE_STAFF)
                // Ashby, with the company's partner key (Ashby's RPC paths)
                .post("/partners/ashby/assessment.list").to(ASHBY_CONNECTOR).requires(PARTNER_ASHBY)
                .post("/partners/ashby/assessment.start").to(ASHBY_CONNECTOR).requires(PARTNER_ASHBY)
                .post("/partners/ashby/assessment.cancel").to(ASHBY_CONNECTOR).requires(PARTNER_ASHBY)
                .post("/partners/ashby/assessment.customField.list").to(ASHBY_CONNECTOR).requires(PARTNER_ASHBY)
                .post("/partners/ashby/assessment.customFields.fetch").to(ASHBY_CONNECTOR).requires(PARTNER_ASHBY)
                // candidates: the unguessable token in the screener link is the credential (JSON, or the page for
                // Accept: text/html, whose forms post to the link itself)
                .get("/screener/{token}").to(SCREENING_SERVICE).requires(PUBLIC)
                .post("/screener/{token}").to(SCREENING_SERVICE).requires(PUBLIC)
                .post("/screener/{token}/start").to(SCREENING_SERVICE).requires(PUBLIC)
                .post("/screener/{token}/submit").to(SCREENING_SERVICE).requires(PUBLIC)
                // pages a person uses in a browser (DESIGN §4b), with the session cookie
                // ... the result Ashby links to, for anyone signed in of that company
                .get("/screenings/{id}").to(SCREENING_SERVICE).requires(COMPANY_MEMBER_PAGE)
                // ... Company Settings
                .get("/settings/account").to(SCREENING_SERVICE).requires(COMPANY_ADMIN_PAGE)
                .post("/settings/account").to(SCREENING_SERVICE).requires(COMPANY_ADMIN_PAGE)
                .get("/settings/integrations").to(ASHBY_CONNECTOR).requires(COMPANY_ADMIN_PAGE)
                .get("/settings/integrations/ashby/connect").to(ASHBY_CONNECTOR).requires(COMPANY_ADMIN_PAGE)
                .post("/settings/integrations/ashby/connect").to(ASHBY_CONNECTOR).requires(COMPANY_ADMIN_PAGE)
                .get("/settings/integrations/ashby/reconnect").to(ASHBY_CONNECTOR).requires(COMPANY_ADMIN_PAGE)
                .post("/settings/integrations/ashby/reconnect").to(ASHBY_CONNECTOR).requires(COMPANY_ADMIN_PAGE)
                .get("/settings/integrations/ashby/disconnect").to(ASHBY_CONNECTOR).requires(COMPANY_ADMIN_PAGE)
                .post("/settings/integrations/ashby/disconnect").to(ASHBY_CONNECTOR).requires(COMPANY_ADMIN_PAGE)
                .post("/settings/integrations/ashby/retry").to(ASHBY_CONNECTOR).requires(COMPANY_ADMIN_PAGE)
                .get("/settings/integrations/api-access").to(ACCESS_SERVICE).requires(COMPANY_ADMIN_PAGE)
                .post("/settings/integrations/api-access").to(ACCESS_SERVICE).requires(COMPANY_ADMIN_PAGE)
                .get("/settings/api-keys").to(KEY_SERVICE).requires(COMPANY_ADMIN_PAGE)
                .post("/settings/api-keys").to(KEY_SERVICE).requires(COMPANY_ADMIN_PAGE)
                .get("/settings/api-keys/new").to(KEY_SERVICE).requires(COMPANY_ADMIN_PAGE)
                .get("/settings/api-keys/{id}/regenerate").to(KEY_SERVICE).requires(COMPANY_ADMIN_PAGE)
                .post("/settings/api-keys/{id}/regenerate").to(KEY_SERVICE).requires(COMPANY_ADMIN_PAGE)
                .get("/settings/api-keys/{id}/revoke").to(KEY_SERVICE).requires(COMPANY_ADMIN_PAGE)
                .post("/settings/api-keys/{id}/revoke").to(KEY_SERVICE).requires(COMPANY_ADMIN_PAGE)
                // ... the staff console (the staff decide in access-request-service)
                .get("/staff/review").to(ACCESS_SERVICE).requires(TRUFFLE_STAFF_PAGE)
                .get("/staff/review/requests/{id}/reject").to(ACCESS_SERVICE).requires(TRUFFLE_STAFF_PAGE)
                .post("/staff/review/requests/{id}/approve").to(ACCESS_SERVICE).requires(TRUFFLE_STAFF_PAGE)
                .post("/staff/review/requests/{id}/reject").to(ACCESS_SERVICE).requires(TRUFFLE_STAFF_PAGE)
                .get("/staff/review/companies").to(ACCESS_SERVICE).requires(TRUFFLE_STAFF_PAGE)
                .get("/staff/review/companies/{id}").to(ACCESS_SERVICE).requires(TRUFFLE_STAFF_PAGE)
                .post("/staff/review/companies/{id}/plan").to(ACCESS_SERVICE).requires(TRUFFLE_STAFF_PAGE)
                .declarations();
    }

    public static RouteTable table() {
        return RouteTable.of(declarations());
    }

    private GatewayRoutes() {
    }
}

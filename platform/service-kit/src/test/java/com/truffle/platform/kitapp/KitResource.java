package com.truffle.platform.kitapp;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.vertx.core.http.HttpServerRequest;

import com.truffle.platform.problem.ProblemType;
import com.truffle.platform.security.Roles;
import com.truffle.platform.web.RequestIds;
import com.truffle.platform.web.page.Page;
import com.truffle.platform.web.page.Page.Crumb;
import com.truffle.platform.web.page.PageContext;

/** HTTP routes of the test application, each using one part of service-kit the way a service's adapter does. */
@Path("/kit")
@Produces(MediaType.APPLICATION_JSON)
public class KitResource {

    @Inject
    HttpServerRequest request;
    @Inject
    PageContext pages;

    /** The request id as the route sees it (what a service logs and passes on). */
    @GET
    @Path("/request-id")
    public Map<String, String> requestId() {
        return Map.of("request_id", String.valueOf(RequestIds.of(request)));
    }

    /** A domain answer: 503 with a Retry-After hint. */
    @GET
    @Path("/problem/busy")
    public String busy() {
        throw ProblemType.SERVICE_UNAVAILABLE.problem("Try again shortly.").with("retry_after_seconds", 7).toException();
    }

    /** A domain answer without a retry hint; an extension of that name that is no number is no Retry-After. */
    @GET
    @Path("/problem/conflict")
    public String conflict() {
        throw ProblemType.CONCURRENT_CHANGE.problem("It exists already.").with("retry_after_seconds", "soon")
                .with("existing_id", "k_1").toException();
    }

    @GET
    @Path("/roles/read")
    @RolesAllowed(Roles.READ)
    public Map<String, String> read() {
        return Map.of("allowed", Roles.READ);
    }

    @GET
    @Path("/roles/write")
    @RolesAllowed(Roles.WRITE)
    public Map<String, String> write() {
        return Map.of("allowed", Roles.WRITE);
    }

    @GET
    @Path("/roles/admin")
    @RolesAllowed(Roles.ADMIN)
    public Map<String, String> admin() {
        return Map.of("allowed", Roles.ADMIN);
    }

    @GET
    @Path("/roles/partner-ashby")
    @RolesAllowed(Roles.PARTNER_ASHBY)
    public Map<String, String> partner() {
        return Map.of("allowed", Roles.PARTNER_ASHBY);
    }

    @GET
    @Path("/roles/company-admin")
    @RolesAllowed(Roles.COMPANY_ADMIN)
    public Map<String, String> companyAdmin() {
        return Map.of("allowed", Roles.COMPANY_ADMIN);
    }

    @GET
    @Path("/roles/company-member")
    @RolesAllowed(Roles.COMPANY_MEMBER)
    public Map<String, String> companyMember() {
        return Map.of("allowed", Roles.COMPANY_MEMBER);
    }

    @GET
    @Path("/roles/staff")
    @RolesAllowed(Roles.STAFF)
    public Map<String, String> staff() {
        return Map.of("allowed", Roles.STAFF);
    }

    @GET
    @Path("/roles/service")
    @RolesAllowed(Roles.SERVICE)
    public Map<String, String> service() {
        return Map.of("allowed", Roles.SERVICE);
    }

    /** A page of Company Settings, as a service's page resource asks for its chrome. */
    @GET
    @Path("/page/company")
    @RolesAllowed({Roles.COMPANY_ADMIN, Roles.STAFF})
    public Page companyPage() {
        return pages.company("api-keys", new Crumb("API keys", "/settings/api-keys"));
    }

    @GET
    @Path("/page/member")
    @RolesAllowed(Roles.COMPANY_MEMBER)
    public Page memberPage() {
        return pages.member(new Crumb("Screenings", "/screenings"), new Crumb("Ada L.", "/screenings/s_1"));
    }

    @GET
    @Path("/page/staff")
    @RolesAllowed(Roles.STAFF)
    public Page staffPage() {
        return pages.staff("review", new Crumb("Review", "/staff/review"));
    }
}

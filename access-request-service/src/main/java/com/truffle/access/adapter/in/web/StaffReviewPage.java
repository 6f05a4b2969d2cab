package com.truffle.access.adapter.in.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.truffle.access.adapter.in.web.AccessPageViews.Company;
import com.truffle.access.adapter.in.web.AccessPageViews.HistoryRow;
import com.truffle.access.adapter.in.web.AccessPageViews.RequestRow;
import com.truffle.access.adapter.in.web.AccessPageViews.Status;
import com.truffle.access.application.port.in.ChangePlanUseCase;
import com.truffle.access.application.port.in.ChangePlanUseCase.ChangePlanCommand;
import com.truffle.access.application.port.in.DecideAccessRequestUseCase;
import com.truffle.access.application.port.in.DecideAccessRequestUseCase.DecideCommand;
import com.truffle.access.application.port.in.DecideAccessRequestUseCase.Verdict;
import com.truffle.access.application.port.in.QueryAccessUseCase;
import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.AccessRequestId;
import com.truffle.access.domain.AccessRuleViolation;
import com.truffle.access.domain.AccessStatus;
import com.truffle.access.domain.CompanyId;
import com.truffle.access.domain.Plan;
import com.truffle.platform.security.Caller;
import com.truffle.platform.security.Roles;
import com.truffle.platform.web.page.ErrorPages;
import com.truffle.platform.web.page.Html;
import com.truffle.platform.web.page.Page;
import com.truffle.platform.web.page.Page.Crumb;
import com.truffle.platform.web.page.Page.Flash;
import com.truffle.platform.web.page.PageContext;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The staff console in the service that owns the decisions: the queue of pending requests with Approve and
 * Reject (a reason is required), and a company's page with its plan (change it) and decision history.
 */
@Path("/staff/review")
@RolesAllowed(Roles.STAFF)
@Produces(MediaType.TEXT_HTML)
public class StaffReviewPage {

    static final String QUEUE = "/staff/review";
    static final int QUEUE_SIZE = 100;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(Page page, java.util.List<RequestRow> pending, boolean more);

        static native TemplateInstance reject(Page page, RequestRow request, String reason, String error);

        static native TemplateInstance companies(Page page, String company, String error);

        static native TemplateInstance company(Page page, Company company);
    }

    @Inject
    QueryAccessUseCase query;
    @Inject
    DecideAccessRequestUseCase decide;
    @Inject
    ChangePlanUseCase changePlan;
    @Inject
    Caller caller;
    @Inject
    PageContext pages;
    @Inject
    ErrorPages errors;

    @GET
    public Uni<RestResponse<String>> queue(@QueryParam("done") String done, @QueryParam("company") String company) {
        Flash flash = switch (done == null ? "" : done) {
            case "approved" -> Flash.ok("Approved: " + safe(company) + " can now create API keys.");
            case "rejected" -> Flash.ok("Rejected: " + safe(company) + " sees your reason.");
            case "decided" -> Flash.warn("That request was already decided.");
            default -> null;
        };
        return query.requests(Optional.of(AccessStatus.PENDING), Optional.empty(), QUEUE_SIZE)
                .chain(page -> Templates.queue(pages.staff("queue", new Crumb("Access requests", QUEUE)).withFlash(flash),
                        page.data().stream().map(RequestRow::of).toList(), page.nextCursor() != null).createUni())
                .map(Html::ok);
    }

    @POST
    @Path("/requests/{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<String>> approve(@RestPath String id) {
        return Uni.createFrom().deferred(() -> decide.decide(new DecideCommand(requestId(id), Verdict.APPROVE, caller.principal(), null)))
                .map(r -> Html.seeOther(QUEUE + "?done=approved&company=" + enc(r.companyId().value())))
                .onFailure(this::alreadyDecided).recoverWithItem(Html.seeOther(QUEUE + "?done=decided"));
    }

    @GET
    @Path("/requests/{id}/reject")
    public Uni<RestResponse<String>> rejectForm(@RestPath String id) {
        return pending(id).chain(r -> Templates.reject(rejectPage(r), RequestRow.of(r), "", null).createUni()).map(Html::ok);
    }

    @POST
    @Path("/requests/{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<String>> reject(@RestPath String id, @RestForm String reason) {
        String why = reason == null ? "" : reason.trim();
        if (why.isEmpty() || why.length() > 2000) {
            return pending(id).chain(r -> Templates.reject(rejectPage(r), RequestRow.of(r), why,
                    why.isEmpty() ? "Give a reason: the company reads it." : "Keep the reason under 2000 characters.").createUni())
                    .map(html -> Html.status(422, html));
        }
        return Uni.createFrom().deferred(() -> decide.decide(new DecideCommand(requestId(id), Verdict.REJECT, caller.principal(), why)))
                .map(r -> Html.seeOther(QUEUE + "?done=rejected&company=" + enc(r.companyId().value())))
                .onFailure(this::alreadyDecided).recoverWithItem(Html.seeOther(QUEUE + "?done=decided"));
    }

    /** Look a company up by id. */
    @GET
    @Path("/companies")
    public Uni<RestResponse<String>> companies(@QueryParam("company") String company) {
        Page page = pages.staff("companies", new Crumb("Companies", QUEUE + "/companies"));
        if (company == null || company.isBlank()) {
            return Templates.companies(page, "", null).createUni().map(Html::ok);
        }
        String id = company.trim();
        try {
            new CompanyId(id);
        } catch (AccessRuleViolation e) {
            return Templates.companies(page, id, e.getMessage()).createUni().map(html -> Html.status(422, html));
        }
        return Uni.createFrom().item(Html.seeOther(QUEUE + "/companies/" + enc(id)));
    }

    @GET
    @Path("/companies/{id}")
    public Uni<RestResponse<String>> company(@RestPath String id, @QueryParam("done") String done) {
        CompanyId company = new CompanyId(id);
        Flash flash = "plan".equals(done) ? Flash.ok("Plan changed.") : null;
        return query.entitlement(company).chain(e -> query.requestsOf(company).chain(requests -> query.history(company)
                .chain(history -> Templates.company(pages.staff("companies", new Crumb("Companies", QUEUE + "/companies"),
                                new Crumb(company.value(), QUEUE + "/companies/" + enc(company.value()))).withFlash(flash),
                        new Company(company.value(), AccessPageViews.planLabel(e.plan()), Status.of(e.access()),
                                newestFirst(requests.stream().map(RequestRow::of).toList()),
                                newestFirst(history.stream().map(HistoryRow::of).toList()))).createUni())))
                .map(Html::ok);
    }

    @POST
    @Path("/companies/{id}/plan")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<String>> plan(@RestPath String id, @RestForm String plan) {
        CompanyId company = new CompanyId(id);
        Plan chosen = "PAID".equals(plan) ? Plan.PAID : "TRIAL".equals(plan) ? Plan.TRIAL : null;
        if (chosen == null) {
            return Uni.createFrom().item(Html.seeOther(QUEUE + "/companies/" + enc(company.value())));
        }
        return changePlan.changePlan(new ChangePlanCommand(company, chosen, caller.principal()))
                .map(e -> Html.seeOther(QUEUE + "/companies/" + enc(company.value()) + "?done=plan"));
    }

    @ServerExceptionMapper
    Uni<RestResponse<String>> refused(AccessRuleViolation e) {
        int status = e.rule() == AccessRuleViolation.Rule.NOT_FOUND ? 404 : e.rule() == AccessRuleViolation.Rule.INVALID_COMPANY_ID ? 400 : 409;
        return errors.render(pages.staff("queue", new Crumb("Access requests", QUEUE)), status,
                status == 404 ? "Not found" : "Not possible", e.getMessage(), QUEUE, "Back to access requests");
    }

    private Uni<AccessRequest> pending(String id) {
        return query.request(requestId(id)).map(found -> found.filter(r -> r.status() == AccessStatus.PENDING).orElseThrow(
                () -> new AccessRuleViolation(AccessRuleViolation.Rule.NOT_FOUND, "There is no pending access request " + id + ".")));
    }

    private Page rejectPage(AccessRequest r) {
        return pages.staff("queue", new Crumb("Access requests", QUEUE), new Crumb("Reject " + r.companyId().value(),
                QUEUE + "/requests/" + r.id() + "/reject"));
    }

    private boolean alreadyDecided(Throwable e) {
        return e instanceof AccessRuleViolation v && v.rule() == AccessRuleViolation.Rule.NOT_PENDING;
    }

    private static AccessRequestId requestId(String id) {
        try {
            return new AccessRequestId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw new AccessRuleViolation(AccessRuleViolation.Rule.NOT_FOUND, "There is no access request " + id + ".");
        }
    }

    private static <T> java.util.List<T> newestFirst(java.util.List<T> oldestFirst) {
        java.util.List<T> out = new java.util.ArrayList<>(oldestFirst);
        java.util.Collections.reverse(out);
        return out;
    }

    private static String safe(String company) {
        return company == null ? "The company" : company;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

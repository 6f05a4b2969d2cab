package com.truffle.access.adapter.in.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.truffle.access.adapter.in.web.AccessPageViews.Access;
import com.truffle.access.application.port.in.QueryAccessUseCase;
import com.truffle.access.application.port.in.RequestAccessUseCase;
import com.truffle.access.application.port.in.RequestAccessUseCase.RequestAccessCommand;
import com.truffle.access.domain.AccessRuleViolation;
import com.truffle.access.domain.CompanyId;
import com.truffle.platform.security.Caller;
import com.truffle.platform.security.Roles;
import com.truffle.platform.web.page.Html;
import com.truffle.platform.web.page.Page;
import com.truffle.platform.web.page.Page.Crumb;
import com.truffle.platform.web.page.Page.Flash;
import com.truffle.platform.web.page.PageContext;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Company Settings → Integrations → API access: the company's status and plan, and Request API Access with the
 * use case; on a trial plan the button is replaced by the paid-plan message and Upgrade your plan. Over the same
 * use cases as {@code /v1/api-access}.
 */
@Path("/settings/integrations/api-access")
@RolesAllowed(Roles.COMPANY_ADMIN)
@Produces(MediaType.TEXT_HTML)
public class ApiAccessPage {

    static final String SELF = "/settings/integrations/api-access";
    static final int USE_CASE_MAX = 2000;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance show(Page page, Access access, String upgradeUrl, String useCase, String error);
    }

    @Inject
    RequestAccessUseCase requestAccess;
    @Inject
    QueryAccessUseCase query;
    @Inject
    Caller caller;
    @Inject
    PageContext pages;
    @Inject
    AccessPageSettings settings;

    @GET
    public Uni<RestResponse<String>> show(@QueryParam("done") String done) {
        Flash flash = "requested".equals(done) ? Flash.ok("Your request was sent. Truffle staff will review it.") : null;
        return render(page().withFlash(flash), "", null, 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<String>> request(@RestForm("use_case") String useCase) {
        String note = useCase == null ? "" : useCase.trim();
        if (note.length() > USE_CASE_MAX) {
            return render(page(), note, "Keep the use case under " + USE_CASE_MAX + " characters.", 422);
        }
        return Uni.createFrom().deferred(() -> requestAccess.requestAccess(
                        new RequestAccessCommand(company(), note.isEmpty() ? null : note, caller.principal())))
                .map(outcome -> Html.seeOther(SELF + "?done=requested"))
                .onFailure(AccessRuleViolation.class).recoverWithUni(e -> render(page().withFlash(Flash.bad(e.getMessage())),
                        note, null, ((AccessRuleViolation) e).rule() == AccessRuleViolation.Rule.PAID_PLAN_REQUIRED ? 403 : 409));
    }

    private Uni<RestResponse<String>> render(Page page, String useCase, String error, int status) {
        CompanyId company = company();
        return query.entitlement(company).chain(e -> query.requestsOf(company)
                        .chain(requests -> Templates.show(page, Access.of(e, requests), settings.upgradeUrl(), useCase, error).createUni()))
                .map(html -> Html.status(status, html));
    }

    private Page page() {
        return pages.company("api-access", new Crumb("Integrations", "/settings/integrations"), new Crumb("API access", SELF));
    }

    private CompanyId company() {
        return new CompanyId(caller.companyId());
    }
}

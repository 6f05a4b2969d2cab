package com.truffle.screening.adapter.in.web;

import java.time.Clock;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.truffle.screening.adapter.in.web.ScreeningPageViews.Result;
import com.truffle.screening.application.port.in.ManageAccountSettingsUseCase;
import com.truffle.screening.application.port.in.QueryHiringUseCase;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.ScreeningId;
import com.truffle.screening.domain.ScreeningRuleViolation;
import com.truffle.platform.security.Caller;
import com.truffle.platform.security.Roles;
import com.truffle.platform.web.page.ErrorPages;
import com.truffle.platform.web.page.Html;
import com.truffle.platform.web.page.Page;
import com.truffle.platform.web.page.Page.Crumb;
import com.truffle.platform.web.page.PageContext;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A screening's result, the page Ashby links to ({@code assessment_profile_url}): candidate, job, status, overall
 * and per-question scores with the answers, and when; for any signed-in person of that company, in its time zone.
 * Another company's screening is not found.
 */
@Path("/screenings/{id}")
@RolesAllowed(Roles.COMPANY_MEMBER)
@Produces(MediaType.TEXT_HTML)
public class ResultPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance result(Page page, Result result);
    }

    @Inject
    QueryHiringUseCase query;
    @Inject
    ManageAccountSettingsUseCase settings;
    @Inject
    Caller caller;
    @Inject
    PageContext pages;
    @Inject
    ErrorPages errors;
    @Inject
    Clock clock;

    @GET
    public Uni<RestResponse<String>> show(@RestPath String id) {
        CompanyId company = new CompanyId(caller.companyId());
        ScreeningId screeningId = ScreeningId.parse(id);
        return query.screening(company, screeningId).chain(found -> {
            var s = found.orElseThrow(() -> ScreeningRuleViolation.notFound("screening", id));
            return query.candidate(company, s.candidateId()).chain(candidate -> settings.get(company).chain(account -> {
                Result result = Result.of(s, candidate.orElse(null), account.timezone(), s.isExpired(clock.instant()));
                return Templates.result(pages.member(new Crumb("Screening result: " + result.candidate(), "/screenings/" + id)),
                        result).createUni();
            }));
        }).map(Html::ok);
    }

    @ServerExceptionMapper
    Uni<RestResponse<String>> notFound(ScreeningRuleViolation e) {
        return errors.render(pages.member(), 404, "Screening not found",
                "This screening does not exist, or it belongs to another company.", null, null);
    }
}

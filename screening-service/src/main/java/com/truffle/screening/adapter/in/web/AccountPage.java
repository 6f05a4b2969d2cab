package com.truffle.screening.adapter.in.web;

import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.truffle.screening.application.port.in.ManageAccountSettingsUseCase;
import com.truffle.screening.application.port.in.ManageAccountSettingsUseCase.ChangeAccountSettingsCommand;
import com.truffle.screening.domain.AccountSettings;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.ScreeningRuleViolation;
import com.truffle.platform.security.Caller;
import com.truffle.platform.security.Roles;
import com.truffle.platform.web.page.Html;
import com.truffle.platform.web.page.Page;
import com.truffle.platform.web.page.Page.Crumb;
import com.truffle.platform.web.page.Page.Flash;
import com.truffle.platform.web.page.PageContext;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;

/** Company Settings → Account settings: the name candidates see, the sender name of invitations, the time zone. */
@Path("/settings/account")
@RolesAllowed(Roles.COMPANY_ADMIN)
@Produces(MediaType.TEXT_HTML)
public class AccountPage {

    static final String SELF = "/settings/account";
    static final int NAME_MAX = 100;
    /** Every IANA zone, sorted: the time-zone list of the form. */
    static final List<String> ZONES = List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));

    @TemplateData
    record AccountForm(String displayName, String senderName, String timezone, String error, String errorField) {
        public List<String> zones() {
            return ZONES;
        }

        static AccountForm of(AccountSettings s) {
            return new AccountForm(s.displayName() == null ? "" : s.displayName(), s.senderName() == null ? "" : s.senderName(),
                    s.timezone().getId(), null, null);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(Page page, AccountForm form);
    }

    @Inject
    ManageAccountSettingsUseCase settings;
    @Inject
    Caller caller;
    @Inject
    PageContext pages;

    @GET
    public Uni<RestResponse<String>> show(@QueryParam("done") String done) {
        Flash flash = "saved".equals(done) ? Flash.ok("Account settings saved.") : null;
        return settings.get(company()).chain(s -> Templates.form(page().withFlash(flash), AccountForm.of(s)).createUni()).map(Html::ok);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<String>> save(@RestForm("display_name") String displayName, @RestForm("sender_name") String senderName,
            @RestForm String timezone) {
        String display = displayName == null ? "" : displayName.strip();
        String sender = senderName == null ? "" : senderName.strip();
        String zone = timezone == null ? "" : timezone.strip();
        if (display.length() > NAME_MAX || sender.length() > NAME_MAX) {
            return reshow(new AccountForm(display, sender, zone, "Names are at most " + NAME_MAX + " characters.",
                    display.length() > NAME_MAX ? "display_name" : "sender_name"));
        }
        return Uni.createFrom().deferred(() -> settings.change(new ChangeAccountSettingsCommand(company(), display, sender,
                        zone.isEmpty() ? null : zone)))
                .map(saved -> Html.seeOther(SELF + "?done=saved"))
                .onFailure(ScreeningRuleViolation.class).recoverWithUni(e -> reshow(new AccountForm(display, sender, zone,
                        e.getMessage(), ((ScreeningRuleViolation) e).field() == null ? "timezone" : ((ScreeningRuleViolation) e).field())));
    }

    private Uni<RestResponse<String>> reshow(AccountForm form) {
        return Templates.form(page(), form).createUni().map(html -> Html.status(422, html));
    }

    private Page page() {
        return pages.company("account", new Crumb("Account settings", SELF));
    }

    private CompanyId company() {
        return new CompanyId(caller.companyId());
    }
}

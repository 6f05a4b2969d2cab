package com.truffle.ashby.adapter.in.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.truffle.ashby.application.port.in.ConnectAshbyUseCase;
import com.truffle.ashby.application.port.in.ConnectAshbyUseCase.ConnectCommand;
import com.truffle.ashby.application.port.in.ConnectionIssued;
import com.truffle.ashby.application.port.in.DisconnectAshbyUseCase;
import com.truffle.ashby.application.port.in.DisconnectAshbyUseCase.DisconnectCommand;
import com.truffle.ashby.application.port.in.ReconnectAshbyUseCase;
import com.truffle.ashby.application.port.in.ReconnectAshbyUseCase.ReconnectCommand;
import com.truffle.ashby.application.port.in.RetryAshbyDeliveriesUseCase;
import com.truffle.ashby.application.port.in.ViewAshbyCardUseCase;
import com.truffle.ashby.domain.AdminToken;
import com.truffle.ashby.domain.AshbyApiKey;
import com.truffle.ashby.domain.AshbyRuleViolation;
import com.truffle.ashby.domain.CompanyId;
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
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Company Settings → Integrations: the Ashby card (Connected / Degraded / Action needed, the message, last
 * activity), Connect with the Ashby API key, the Truffle key shown once with Copy, Reconnect and Disconnect behind
 * a warning each; locked on a trial plan. Over the same use cases as {@code /v1/integrations/ashby}.
 */
@Path("/settings/integrations")
@RolesAllowed(Roles.COMPANY_ADMIN)
@Produces(MediaType.TEXT_HTML)
public class IntegrationsPage {

    static final String SELF = "/settings/integrations";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance card(Page page, IntegrationViews.Card card, String upgradeUrl);

        static native TemplateInstance connect(Page page, String error);

        static native TemplateInstance connected(Page page, String title, String truffleKey);

        static native TemplateInstance confirm(Page page, String action, String error);
    }

    @Inject
    ViewAshbyCardUseCase cards;
    @Inject
    ConnectAshbyUseCase connect;
    @Inject
    ReconnectAshbyUseCase reconnect;
    @Inject
    DisconnectAshbyUseCase disconnect;
    @Inject
    RetryAshbyDeliveriesUseCase retry;
    @Inject
    Caller caller;
    @Inject
    JsonWebToken token;
    @Inject
    PageContext pages;
    @Inject
    IntegrationPageSettings settings;

    @GET
    public Uni<RestResponse<String>> card(@QueryParam("done") String done) {
        Flash flash = switch (done == null ? "" : done) {
            case "disconnected" -> Flash.ok("Ashby disconnected. Its Truffle key stopped working.");
            case "retrying" -> Flash.ok("Sending the waiting results to Ashby now.");
            default -> null;
        };
        return cardPage(flash, 200);
    }

    /** The card's "Retry now": the waiting results go out at once; a refusal (reconnect instead) shows on the card. */
    @POST
    @Path("/ashby/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<String>> retry() {
        return Uni.createFrom().deferred(() -> retry.retry(company()))
                .map(done -> Html.seeOther(SELF + "?done=retrying"))
                .onFailure(AshbyRuleViolation.class).recoverWithUni(e -> cardPage(Flash.bad(e.getMessage()), status((AshbyRuleViolation) e)));
    }

    private Uni<RestResponse<String>> cardPage(Flash flash, int status) {
        return cards.card(company()).chain(card -> Templates.card(page().withFlash(flash), IntegrationViews.Card.of(card),
                settings.upgradeUrl()).createUni()).map(html -> Html.status(status, html));
    }

    @GET
    @Path("/ashby/connect")
    public Uni<RestResponse<String>> connectForm() {
        return Templates.connect(page("Connect Ashby", "connect"), null).createUni().map(Html::ok);
    }

    @POST
    @Path("/ashby/connect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<String>> connect(@RestForm("ashby_api_key") String ashbyApiKey) {
        if (ashbyApiKey == null || ashbyApiKey.isBlank()) {
            return Templates.connect(page("Connect Ashby", "connect"), "Enter the Ashby API key.").createUni()
                    .map(html -> Html.status(422, html));
        }
        return Uni.createFrom().deferred(() -> connect.connect(new ConnectCommand(company(), new AshbyApiKey(ashbyApiKey.trim()), admin())))
                .chain(issued -> shown(issued, "Ashby connected"))
                .onFailure(AshbyRuleViolation.class).recoverWithUni(e -> Templates.connect(page("Connect Ashby", "connect"), e.getMessage())
                        .createUni().map(html -> Html.status(status((AshbyRuleViolation) e), html)));
    }

    @GET
    @Path("/ashby/reconnect")
    public Uni<RestResponse<String>> confirmReconnect() {
        return Templates.confirm(page("Reconnect Ashby", "reconnect"), "reconnect", null).createUni().map(Html::ok);
    }

    @POST
    @Path("/ashby/reconnect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<String>> reconnect(@RestForm("ashby_api_key") String ashbyApiKey) {
        java.util.Optional<AshbyApiKey> newKey = ashbyApiKey == null || ashbyApiKey.isBlank()
                ? java.util.Optional.empty() : java.util.Optional.of(new AshbyApiKey(ashbyApiKey.trim()));
        return Uni.createFrom().deferred(() -> reconnect.reconnect(new ReconnectCommand(company(), newKey, admin())))
                .chain(issued -> shown(issued, "Ashby reconnected"))
                .onFailure(AshbyRuleViolation.class).recoverWithUni(e -> Templates.confirm(page("Reconnect Ashby", "reconnect"),
                        "reconnect", e.getMessage()).createUni().map(html -> Html.status(status((AshbyRuleViolation) e), html)));
    }

    @GET
    @Path("/ashby/disconnect")
    public Uni<RestResponse<String>> confirmDisconnect() {
        return Templates.confirm(page("Disconnect Ashby", "disconnect"), "disconnect", null).createUni().map(Html::ok);
    }

    @POST
    @Path("/ashby/disconnect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<String>> disconnect() {
        return Uni.createFrom().deferred(() -> disconnect.disconnect(new DisconnectCommand(company(), admin())))
                .map(done -> Html.seeOther(SELF + "?done=disconnected"))
                .onFailure(AshbyRuleViolation.class).recoverWithUni(e -> Templates.confirm(page("Disconnect Ashby", "disconnect"),
                        "disconnect", e.getMessage()).createUni().map(html -> Html.status(status((AshbyRuleViolation) e), html)));
    }

    private Uni<RestResponse<String>> shown(ConnectionIssued issued, String title) {
        return Templates.connected(page(title, "connect"), title, issued.truffleKey()).createUni().map(Html::ok);
    }

    private Page page() {
        return pages.company("integrations", new Crumb("Integrations", SELF));
    }

    private Page page(String title, String path) {
        return pages.company("integrations", new Crumb("Integrations", SELF), new Crumb(title, SELF + "/ashby/" + path));
    }

    /** The statuses of the same refusals on /v1/integrations/ashby (IntegrationProblems), for the page that shows them. */
    private static int status(AshbyRuleViolation e) {
        return switch (e.rule()) {
            case PAID_PLAN_REQUIRED, PARTNER_KEY_REFUSED -> 403;
            case ALREADY_CONNECTED, NOT_CONNECTED, RECONNECT_REQUIRED -> 409;
            case ASHBY_UNAVAILABLE -> 502;
            case KEY_SERVICE_UNAVAILABLE -> 503;
            case INVALID_COMPANY_ID -> 400;
            case ASHBY_KEY_REJECTED, ASHBY_KEY_LACKS_PERMISSION, INVALID_ASHBY_KEY -> 422;
        };
    }

    private CompanyId company() {
        return new CompanyId(caller.companyId());
    }

    /** The admin's own internal JWT, forwarded to key-service so it acts on the admin's behalf. */
    private AdminToken admin() {
        return new AdminToken(token.getRawToken());
    }
}

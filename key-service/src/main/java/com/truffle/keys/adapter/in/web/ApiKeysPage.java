package com.truffle.keys.adapter.in.web;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.truffle.keys.adapter.in.web.KeyPageViews.AccessNotice;
import com.truffle.keys.adapter.in.web.KeyPageViews.CreateForm;
import com.truffle.keys.adapter.in.web.KeyPageViews.IssuedKey;
import com.truffle.keys.adapter.in.web.KeyPageViews.KeyRow;
import com.truffle.keys.application.port.in.Actor;
import com.truffle.keys.application.port.in.ChangeKeyUseCase;
import com.truffle.keys.application.port.in.ChangeKeyUseCase.KeyCommand;
import com.truffle.keys.application.port.in.CreateKeyUseCase;
import com.truffle.keys.application.port.in.CreateKeyUseCase.CreateKeyCommand;
import com.truffle.keys.application.port.in.QueryKeysUseCase;
import com.truffle.keys.application.port.in.VerificationRecord;
import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.KeyId;
import com.truffle.keys.domain.KeyRuleViolation;
import com.truffle.keys.domain.KeyWithSecret;
import com.truffle.keys.domain.Permission;
import com.truffle.platform.apikeys.KeyStateHeader;
import com.truffle.platform.apikeys.KeyStateSignature;
import com.truffle.platform.security.Caller;
import com.truffle.platform.security.Roles;
import com.truffle.platform.web.RequestIds;
import com.truffle.platform.web.page.ErrorPages;
import com.truffle.platform.web.page.Html;
import com.truffle.platform.web.page.Page;
import com.truffle.platform.web.page.Page.Crumb;
import com.truffle.platform.web.page.Page.Flash;
import com.truffle.platform.web.page.PageContext;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Company Settings → API &amp; Integrations → API keys: the table, Create API Key (the secret shown once, with Copy),
 * Regenerate and Revoke behind a confirmation page each. Over the same use cases as {@code /v1/api-keys}.
 */
@Path("/settings/api-keys")
@RolesAllowed(Roles.COMPANY_ADMIN)
@Produces(MediaType.TEXT_HTML)
public class ApiKeysPage {

    static final String SELF = "/settings/api-keys";
    private static final Crumb SECTION = new Crumb("API & Integrations", SELF);
    private static final Crumb KEYS = new Crumb("API keys", SELF);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Page page, AccessNotice notice, List<KeyRow> keys, IssuedKey issued);

        static native TemplateInstance create(Page page, AccessNotice notice, CreateForm form);

        static native TemplateInstance confirm(Page page, KeyRow key, String action);
    }

    @Inject
    CreateKeyUseCase createKey;
    @Inject
    ChangeKeyUseCase changeKey;
    @Inject
    QueryKeysUseCase query;
    @Inject
    Caller caller;
    @Inject
    PageContext pages;
    @Inject
    ErrorPages errors;
    @Inject
    HttpServerRequest request;
    @Inject
    KeyStateSignature signature;

    @GET
    public Uni<RestResponse<String>> list(@QueryParam("done") String done) {
        return render(pages.company("api-keys", SECTION, KEYS).withFlash(KeyPageViews.flash(done)), null, 200);
    }

    @GET
    @Path("/new")
    public Uni<RestResponse<String>> createForm() {
        return query.access(company(), actor()).chain(access -> Templates.create(pages.company("api-keys", SECTION, KEYS,
                new Crumb("Create API Key", SELF + "/new")), AccessNotice.of(access), CreateForm.empty()).createUni())
                .map(Html::ok);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<String>> create(@RestForm String name, @RestForm String description, @RestForm String permission) {
        CreateForm form = new CreateForm(name, description, permission, List.of());
        Permission level = CreateForm.level(permission);
        if (level == null) {
            return reshow(form.withError("permission", "Choose Read, Write or Admin."));
        }
        return Uni.createFrom().deferred(() -> createKey.create(new CreateKeyCommand(company(), name,
                        description == null || description.isBlank() ? null : description, level, actor())))
                .chain(created -> issued(created, "API key created").map(page -> withKeyState(page, VerificationRecord.of(created.key(), signature))))
                .onFailure(KeyRuleViolation.class).recoverWithUni(e -> refused((KeyRuleViolation) e, form));
    }

    @GET
    @Path("/{id}/regenerate")
    public Uni<RestResponse<String>> confirmRegenerate(@RestPath String id) {
        return confirm(id, "regenerate");
    }

    @POST
    @Path("/{id}/regenerate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<String>> regenerate(@RestPath String id) {
        return Uni.createFrom().deferred(() -> changeKey.regenerate(command(id)))
                .chain(regenerated -> issued(regenerated, "API key regenerated")
                        .map(page -> withKeyState(page, VerificationRecord.of(regenerated.key(), signature))));
    }

    @GET
    @Path("/{id}/revoke")
    public Uni<RestResponse<String>> confirmRevoke(@RestPath String id) {
        return confirm(id, "revoke");
    }

    @POST
    @Path("/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<String>> revoke(@RestPath String id) {
        return Uni.createFrom().deferred(() -> changeKey.revoke(command(id)))
                .map(revoked -> withKeyState(Html.seeOther(SELF + "?done=revoked"), VerificationRecord.of(revoked, signature)));
    }

    /** A key that is not this company's, is revoked or never existed: the same friendly "not found". */
    @ServerExceptionMapper
    Uni<RestResponse<String>> notFound(KeyRuleViolation e) {
        return errors.render(pages.company("api-keys", SECTION, KEYS), 404, "API key not found",
                "This API key does not exist or was revoked.", SELF, "Back to API keys");
    }

    private Uni<RestResponse<String>> confirm(String id, String action) {
        return Uni.createFrom().deferred(() -> query.get(company(), KeyId.parse(id)))
                .chain(key -> Templates.confirm(pages.company("api-keys", SECTION, KEYS,
                        new Crumb("regenerate".equals(action) ? "Regenerate" : "Revoke", SELF + "/" + key.id() + "/" + action)),
                        KeyRow.of(key), action).createUni())
                .map(Html::ok);
    }

    private Uni<RestResponse<String>> issued(KeyWithSecret k, String title) {
        return render(pages.company("api-keys", SECTION, KEYS), IssuedKey.of(k, title), 200);
    }

    private Uni<RestResponse<String>> render(Page page, IssuedKey issued, int status) {
        CompanyId company = company();
        return query.access(company, actor()).chain(access -> query.list(company).chain(keys -> Templates.list(page,
                AccessNotice.of(access), keys.stream().map(KeyRow::of).toList(), issued).createUni()))
                .map(html -> Html.status(status, html));
    }

    private Uni<RestResponse<String>> refused(KeyRuleViolation e, CreateForm form) {
        if (e.rule() == KeyRuleViolation.Rule.INVALID) {
            CreateForm shown = form;
            for (KeyRuleViolation.FieldProblem f : e.fields()) {
                shown = shown.withError(f.field(), KeyPageViews.sentence(f.field(), f.message()));
            }
            return reshow(shown.errors().isEmpty() ? shown.withError("name", e.getMessage()) : shown);
        }
        // not approved, suspended, too many keys: the form again, saying why at the top
        return query.access(company(), actor()).chain(access -> Templates.create(pages.company("api-keys", SECTION, KEYS,
                new Crumb("Create API Key", SELF + "/new")).withFlash(Flash.bad(e.getMessage())), AccessNotice.of(access), form)
                .createUni()).map(html -> Html.status(e.rule() == KeyRuleViolation.Rule.TOO_MANY_KEYS ? 409 : 403, html));
    }

    private Uni<RestResponse<String>> reshow(CreateForm form) {
        return query.access(company(), actor()).chain(access -> Templates.create(pages.company("api-keys", SECTION, KEYS,
                new Crumb("Create API Key", SELF + "/new")), AccessNotice.of(access), form).createUni())
                .map(html -> Html.status(422, html));
    }

    /** The key's new verification record, for the gateway to apply before the admin sees the answer. */
    private static RestResponse<String> withKeyState(RestResponse<String> page, VerificationRecord record) {
        return RestResponse.ResponseBuilder.fromResponse(page).header(KeyStateHeader.NAME, record.header()).build();
    }

    private KeyCommand command(String id) {
        return new KeyCommand(company(), KeyId.parse(id), actor());
    }

    private CompanyId company() {
        return new CompanyId(caller.companyId());
    }

    private Actor actor() {
        return new Actor(caller.principal(), RequestIds.of(request), caller.credential());
    }
}

package com.truffle.keys.adapter.in.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.truffle.keys.adapter.in.rest.KeyDtos.AuditList;
import com.truffle.keys.adapter.in.rest.KeyDtos.AuditView;
import com.truffle.keys.adapter.in.rest.KeyDtos.CreateKeyBody;
import com.truffle.keys.adapter.in.rest.KeyDtos.KeyList;
import com.truffle.keys.adapter.in.rest.KeyDtos.KeyView;
import com.truffle.keys.adapter.in.rest.KeyDtos.KeyWithSecretView;
import com.truffle.keys.adapter.in.rest.KeyDtos.UpdateKeyBody;
import com.truffle.keys.application.port.in.Actor;
import com.truffle.keys.application.port.in.ChangeKeyUseCase;
import com.truffle.keys.application.port.in.ChangeKeyUseCase.KeyCommand;
import com.truffle.keys.application.port.in.ChangeKeyUseCase.UpdateKeyCommand;
import com.truffle.keys.application.port.in.CreateKeyUseCase;
import com.truffle.keys.application.port.in.CreateKeyUseCase.CreateKeyCommand;
import com.truffle.keys.application.port.in.QueryKeysUseCase;
import com.truffle.keys.application.port.in.VerificationRecord;
import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.KeyId;
import com.truffle.keys.domain.Permission;
import com.truffle.platform.apikeys.KeyStateHeader;
import com.truffle.platform.apikeys.KeyStateSignature;
import com.truffle.platform.security.Caller;
import com.truffle.platform.security.Roles;
import com.truffle.platform.web.RequestIds;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A company admin's API keys. The company is the caller's (from the token); a key of another company is
 * "not found", never "forbidden", so ids leak nothing.
 */
@Path("/v1/api-keys")
@RolesAllowed(Roles.COMPANY_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    @Inject
    CreateKeyUseCase createKey;
    @Inject
    ChangeKeyUseCase changeKey;
    @Inject
    QueryKeysUseCase query;
    @Inject
    Caller caller;
    @Inject
    KeyStateSignature signature;

    /** An answer carrying a secret: {@code no-store}, and the key's signed state for the gateway. */
    private <T> RestResponse<T> withSecret(RestResponse.ResponseBuilder<T> answer, ApiKey key) {
        return answer.header("Cache-Control", "no-store").header("Pragma", "no-cache")
                .header(KeyStateHeader.NAME, VerificationRecord.of(key, signature).header()).build();
    }

    /** The secret, once: never stored by a cache; the gateway learns the new key from the answer (its header). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<KeyWithSecretView>> create(@Valid @NotNull CreateKeyBody body, @HeaderParam(RequestIds.HEADER) String requestId) {
        return createKey.create(new CreateKeyCommand(company(), body.name(), body.description(),
                Permission.valueOf(body.permission().name()), actor(requestId)))
                .map(k -> withSecret(RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, KeyWithSecretView.of(k)), k.key()));
    }

    @GET
    public Uni<KeyList> list() {
        return query.list(company()).map(keys -> new KeyList(keys.stream().map(KeyView::of).toList(), null));
    }

    @GET
    @Path("/{id}")
    public Uni<KeyView> get(@RestPath String id) {
        return query.get(company(), KeyId.parse(id)).map(KeyView::of);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<KeyView> update(@RestPath String id, @Valid @NotNull UpdateKeyBody body, @HeaderParam(RequestIds.HEADER) String requestId) {
        return changeKey.update(new UpdateKeyCommand(command(id, requestId), body.name(), body.description())).map(KeyView::of);
    }

    /** With the key's new verification record for the gateway ({@link KeyStateHeader}): the old secret dies there first. */
    @POST
    @Path("/{id}/regenerate")
    public Uni<RestResponse<KeyWithSecretView>> regenerate(@RestPath String id, @HeaderParam(RequestIds.HEADER) String requestId) {
        return changeKey.regenerate(command(id, requestId))
                .map(k -> withSecret(RestResponse.ResponseBuilder.ok(KeyWithSecretView.of(k)), k.key()));
    }

    @DELETE
    @Path("/{id}")
    public Uni<RestResponse<Void>> revoke(@RestPath String id, @HeaderParam(RequestIds.HEADER) String requestId) {
        return changeKey.revoke(command(id, requestId)).map(k -> RestResponse.ResponseBuilder.<Void>noContent()
                .header(KeyStateHeader.NAME, VerificationRecord.of(k, signature).header()).build());
    }

    @GET
    @Path("/{id}/audit")
    public Uni<AuditList> audit(@RestPath String id) {
        return query.audit(company(), KeyId.parse(id)).map(trail -> new AuditList(trail.stream().map(AuditView::of).toList()));
    }

    private KeyCommand command(String id, String requestId) {
        return new KeyCommand(company(), KeyId.parse(id), actor(requestId));
    }

    private CompanyId company() {
        return new CompanyId(caller.companyId());
    }

    private Actor actor(String requestId) {
        return new Actor(caller.principal(), requestId, caller.credential());
    }
}

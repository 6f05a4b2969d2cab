package com.truffle.ashby.adapter.in.rest;

import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.ashby.adapter.in.rest.IntegrationDtos.CardView;
import com.truffle.ashby.adapter.in.rest.IntegrationDtos.ConnectBody;
import com.truffle.ashby.adapter.in.rest.IntegrationDtos.Issued;
import com.truffle.ashby.adapter.in.rest.IntegrationDtos.ReconnectBody;
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
import com.truffle.ashby.domain.CompanyId;
import com.truffle.platform.security.Caller;
import com.truffle.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The Ashby integration card of the Truffle web app (company admin session; the company comes from the token).
 * connect/reconnect answer the Truffle key once, with {@code Cache-Control: no-store}.
 */
@Path("/v1/integrations/ashby")
@RolesAllowed(Roles.COMPANY_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AshbyIntegrationResource {

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
    ObjectMapper mapper;
    @Inject
    Validator validator;

    @GET
    public Uni<CardView> card() {
        return cards.card(company()).map(CardView::of);
    }

    @POST
    @Path("/connect")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> connect(@Valid @NotNull ConnectBody body) {
        return connect.connect(new ConnectCommand(company(), new AshbyApiKey(body.ashbyApiKey()), onBehalfOf()))
                .map(AshbyIntegrationResource::issued);
    }

    /** The body is optional (a bare POST is the usual reconnect), so it is read here rather than by content type. */
    @POST
    @Path("/reconnect")
    public Uni<Response> reconnect(String body) throws JsonProcessingException {
        ReconnectBody parsed = body == null || body.isBlank() ? null : mapper.readValue(body, ReconnectBody.class);
        if (parsed != null) {
            Set<ConstraintViolation<ReconnectBody>> invalid = validator.validate(parsed);
            if (!invalid.isEmpty()) {
                throw new ConstraintViolationException(invalid);
            }
        }
        Optional<AshbyApiKey> newKey = Optional.ofNullable(parsed).map(ReconnectBody::ashbyApiKey).filter(k -> !k.isBlank())
                .map(AshbyApiKey::new);
        return reconnect.reconnect(new ReconnectCommand(company(), newKey, onBehalfOf())).map(AshbyIntegrationResource::issued);
    }

    /** Sends the waiting results now (after retries ran out, or to cut a backoff short); answers the card. */
    @POST
    @Path("/retry")
    public Uni<CardView> retry() {
        return retry.retry(company()).chain(() -> cards.card(company())).map(CardView::of);
    }

    @DELETE
    public Uni<Response> disconnect() {
        return disconnect.disconnect(new DisconnectCommand(company(), onBehalfOf())).replaceWith(Response.noContent().build());
    }

    private CompanyId company() {
        return new CompanyId(caller.companyId());
    }

    /** The admin's own internal JWT, forwarded to key-service so it acts on the admin's behalf. */
    private AdminToken onBehalfOf() {
        return new AdminToken(token.getRawToken());
    }

    private static Response issued(ConnectionIssued issued) {
        return Response.ok(new Issued(issued.status().name(), issued.truffleKey()))
                .header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}

package com.truffle.screening.adapter.in.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.truffle.platform.security.Caller;
import com.truffle.platform.security.Roles;
import com.truffle.screening.adapter.in.rest.HiringDtos.AccountBody;
import com.truffle.screening.application.port.in.ManageAccountSettingsUseCase;
import com.truffle.screening.application.port.in.ManageAccountSettingsUseCase.ChangeAccountSettingsCommand;
import com.truffle.screening.domain.AccountSettings;
import com.truffle.screening.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/** Account settings (ADMIN): the name candidates see, the invitations' sender name, the time zone. */
@Path("/v1/account")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AccountResource {

    @Inject
    ManageAccountSettingsUseCase settings;
    @Inject
    Caller caller;

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AccountView(String companyId, String displayName, String defaultSenderName, String timezone, String effectiveSenderName) {

        static AccountView of(AccountSettings s) {
            return new AccountView(s.companyId().value(), s.displayName(), s.senderName(), s.timezone().getId(),
                    s.effectiveSenderName());
        }
    }

    @GET
    public Uni<AccountView> get() {
        return settings.get(company()).map(AccountView::of);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<AccountView> change(@Valid @NotNull AccountBody body) {
        return settings.change(new ChangeAccountSettingsCommand(company(), body.displayName(), body.defaultSenderName(),
                body.timezone())).map(AccountView::of);
    }

    private CompanyId company() {
        return new CompanyId(caller.companyId());
    }
}

package com.truffle.screening.application.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.screening.application.port.in.ManageAccountSettingsUseCase;
import com.truffle.screening.application.port.out.AccountSettingsPort;
import com.truffle.screening.domain.AccountSettings;
import com.truffle.screening.domain.CompanyId;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AccountSettingsService implements ManageAccountSettingsUseCase {

    @Inject
    AccountSettingsPort settings;

    @Override
    @WithSession
    public Uni<AccountSettings> get(CompanyId companyId) {
        return settings.load(companyId);
    }

    @Override
    @WithTransaction
    public Uni<AccountSettings> change(ChangeAccountSettingsCommand command) {
        return settings.load(command.companyId()).chain(current -> {
            AccountSettings changed = current.change(command.displayName(), command.senderName(), command.timezone());
            return settings.save(changed).replaceWith(changed);
        });
    }
}

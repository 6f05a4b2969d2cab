package com.truffle.screening.adapter.out.persistence;

import java.time.Instant;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import com.truffle.screening.application.port.out.AccountSettingsPort;
import com.truffle.screening.domain.AccountSettings;
import com.truffle.screening.domain.CompanyId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class AccountSettingsPersistenceAdapter implements AccountSettingsPort {

    @Override
    public Uni<AccountSettings> load(CompanyId companyId) {
        return Panache.getSession().chain(s -> s.find(AccountSettingsEntity.class, companyId.value()))
                .map(e -> e == null ? AccountSettings.defaults(companyId)
                        : new AccountSettings(companyId, e.displayName, e.senderName, ZoneId.of(e.timezone)));
    }

    @Override
    public Uni<Void> save(AccountSettings settings) {
        return Rows.upsert(AccountSettingsEntity.class, settings.companyId().value(), AccountSettingsEntity::new, e -> {
            e.companyId = settings.companyId().value();
            e.displayName = settings.displayName();
            e.senderName = settings.senderName();
            e.timezone = settings.timezone().getId();
            e.updatedAt = Instant.now();
        });
    }
}

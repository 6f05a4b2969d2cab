package com.truffle.keys.application.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.keys.application.port.in.CreateKeyUseCase;
import com.truffle.keys.application.port.out.CompanyAccessPort;
import com.truffle.keys.application.port.out.IssueSecretPort;
import com.truffle.keys.application.port.out.LoadKeyPort;
import com.truffle.keys.application.port.out.SaveKeyPort;
import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.KeyEvent;
import com.truffle.keys.domain.KeyKind;
import com.truffle.keys.domain.KeyRuleViolation;
import com.truffle.keys.domain.KeyWithSecret;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CreateKeyService implements CreateKeyUseCase {

    @Inject
    CompanyAccessPort access;
    @Inject
    LoadKeyPort keys;
    @Inject
    SaveKeyPort save;
    @Inject
    IssueSecretPort secrets;
    @Inject
    KeyChanges changes;
    @Inject
    Clock clock;

    @Inject
    KeyLimits limits;

    @Inject
    Entitlements entitlements;

    @Override
    public Uni<KeyWithSecret> create(CreateKeyCommand command) {
        // validate the input before looking anything up, so bad input is a 422 whatever the company's state
        ApiKey.validName(command.name());
        ApiKey.validDescription(command.description());
        // the owner of API access is asked first when the local view says no (never while a lock is held)
        return entitlements.current(command.companyId(), command.actor())
                .chain(() -> changes.committedAndSent(() -> createLocked(command)));
    }

    private Uni<KeyWithSecret> createLocked(CreateKeyCommand command) {
        return access.lock(command.companyId()).chain(entitlement -> {
            entitlement.requireAllows(KeyKind.LIVE);
            return keys.countLiveKeys(command.companyId());
        }).chain(count -> {
            if (count >= limits.maxActivePerCompany()) {
                throw new KeyRuleViolation(KeyRuleViolation.Rule.TOO_MANY_KEYS,
                        "A company may have at most " + limits.maxActivePerCompany() + " keys; revoke one you no longer use.");
            }
            var secret = secrets.issue(KeyKind.LIVE);
            ApiKey key = ApiKey.create(command.companyId(), command.name(), command.description(), command.permission(),
                    secret, command.actor().principal(), clock.instant());
            return save.insert(key)
                    .chain(() -> changes.record(KeyEvent.Type.KeyCreated, key, command.actor()))
                    .replaceWith(new KeyWithSecret(key, secret));
        });
    }
}

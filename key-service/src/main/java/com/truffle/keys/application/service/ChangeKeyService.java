package com.truffle.keys.application.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.keys.application.port.in.ChangeKeyUseCase;
import com.truffle.keys.application.port.out.IssueSecretPort;
import com.truffle.keys.application.port.out.LoadKeyPort;
import com.truffle.keys.application.port.out.SaveKeyPort;
import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.KeyEvent;
import com.truffle.keys.domain.KeyKind;
import com.truffle.keys.domain.KeyRuleViolation;
import com.truffle.keys.domain.KeyStatus;
import com.truffle.keys.domain.KeyWithSecret;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ChangeKeyService implements ChangeKeyUseCase {

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

    @Override
    @WithTransaction
    public Uni<ApiKey> update(UpdateKeyCommand command) {
        return own(command.key()).chain(key -> {
            if (!key.update(command.name(), command.description(), clock.instant())) {
                return Uni.createFrom().item(key);
            }
            return save.update(key).chain(() -> changes.record(KeyEvent.Type.KeyUpdated, key, command.key().actor())).replaceWith(key);
        });
    }

    @Override
    public Uni<KeyWithSecret> regenerate(KeyCommand command) {
        return changes.committedAndSent(() -> own(command).chain(key -> {
            var secret = secrets.issue(key.kind());
            key.regenerate(secret, clock.instant());
            return save.update(key).chain(() -> changes.record(KeyEvent.Type.KeyRegenerated, key, command.actor()))
                    .replaceWith(new KeyWithSecret(key, secret));
        }));
    }

    @Override
    public Uni<ApiKey> revoke(KeyCommand command) {
        return changes.committedAndSent(() -> own(command).chain(key -> {
            key.revoke(clock.instant());
            return save.update(key).chain(() -> changes.record(KeyEvent.Type.KeyRevoked, key, command.actor())).replaceWith(key);
        }));
    }

    /** The company's own, non-revoked integration key; anything else is simply "not found" (no oracle across tenants). */
    private Uni<ApiKey> own(KeyCommand command) {
        return keys.byId(command.keyId()).map(found -> found
                .filter(k -> k.companyId().equals(command.companyId()))
                .filter(k -> k.kind() == KeyKind.LIVE)
                .filter(k -> k.status() != KeyStatus.REVOKED)
                .orElseThrow(() -> new KeyRuleViolation(KeyRuleViolation.Rule.NOT_FOUND, "No API key " + command.keyId() + ".")));
    }
}

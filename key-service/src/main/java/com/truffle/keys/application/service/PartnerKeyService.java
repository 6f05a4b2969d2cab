package com.truffle.keys.application.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.keys.application.port.in.Actor;
import com.truffle.keys.application.port.in.PartnerKeyUseCase;
import com.truffle.keys.application.port.out.CompanyAccessPort;
import com.truffle.keys.application.port.out.IssueSecretPort;
import com.truffle.keys.application.port.out.LoadKeyPort;
import com.truffle.keys.application.port.out.SaveKeyPort;
import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.KeyEvent;
import com.truffle.keys.domain.KeyKind;
import com.truffle.keys.domain.KeyRuleViolation;
import com.truffle.keys.domain.KeyWithSecret;
import com.truffle.keys.domain.Permission;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PartnerKeyService implements PartnerKeyUseCase {

    static final String NAME = "Ashby partner key";

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

    @Override
    public Uni<KeyWithSecret> create(CompanyId companyId, Actor actor) {
        return changes.committedAndSent(() -> access.lock(companyId).chain(entitlement -> {
            entitlement.requireAllows(KeyKind.ASHBY);
            return keys.partnerKey(companyId);
        }).chain(existing -> {
            if (existing.isPresent()) {
                throw new KeyRuleViolation(KeyRuleViolation.Rule.PARTNER_KEY_EXISTS,
                        "The company already has an Ashby partner key; regenerate or revoke it.");
            }
            var secret = secrets.issue(KeyKind.ASHBY);
            ApiKey key = ApiKey.create(companyId, NAME, "Used by Ashby to call Truffle's assessment partner API",
                    Permission.PARTNER_ASHBY, secret, actor.principal(), clock.instant());
            return save.insert(key).chain(() -> changes.record(KeyEvent.Type.KeyCreated, key, actor))
                    .replaceWith(new KeyWithSecret(key, secret));
        }));
    }

    @Override
    public Uni<KeyWithSecret> regenerate(CompanyId companyId, Actor actor) {
        return changes.committedAndSent(() -> partnerKey(companyId).chain(key -> {
            var secret = secrets.issue(KeyKind.ASHBY);
            key.regenerate(secret, clock.instant());
            return save.update(key).chain(() -> changes.record(KeyEvent.Type.KeyRegenerated, key, actor))
                    .replaceWith(new KeyWithSecret(key, secret));
        }));
    }

    @Override
    public Uni<Void> revoke(CompanyId companyId, Actor actor) {
        return changes.committedAndSent(() -> partnerKey(companyId).chain(key -> {
            key.revoke(clock.instant());
            return save.update(key).chain(() -> changes.record(KeyEvent.Type.KeyRevoked, key, actor));
        }));
    }

    private Uni<ApiKey> partnerKey(CompanyId companyId) {
        return keys.partnerKey(companyId).map(found -> found.orElseThrow(() -> new KeyRuleViolation(
                KeyRuleViolation.Rule.NOT_FOUND, "The company has no Ashby partner key.")));
    }
}

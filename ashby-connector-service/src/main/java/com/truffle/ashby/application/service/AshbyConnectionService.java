package com.truffle.ashby.application.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.ashby.application.port.in.ConnectAshbyUseCase;
import com.truffle.ashby.application.port.in.ConnectionIssued;
import com.truffle.ashby.application.port.in.DisconnectAshbyUseCase;
import com.truffle.ashby.application.port.in.ReconnectAshbyUseCase;
import com.truffle.ashby.application.port.in.RetryAshbyDeliveriesUseCase;
import com.truffle.ashby.application.port.in.TrackPartnerKeyUseCase;
import com.truffle.ashby.application.port.out.AshbyKeyVaultPort;
import com.truffle.ashby.application.port.out.AshbyPort;
import com.truffle.ashby.application.port.out.DeliveryQueuePort;
import com.truffle.ashby.application.port.out.LoadConnectionPort;
import com.truffle.ashby.application.port.out.PartnerKeyPort;
import com.truffle.ashby.application.port.out.PlanPort;
import com.truffle.ashby.application.port.out.PublishAshbyEventPort;
import com.truffle.ashby.application.port.out.SaveConnectionPort;
import com.truffle.ashby.domain.AdminToken;
import com.truffle.ashby.domain.AshbyApiKey;
import com.truffle.ashby.domain.AshbyCard;
import com.truffle.ashby.domain.AshbyConnection;
import com.truffle.ashby.domain.AshbyEvent;
import com.truffle.ashby.domain.AshbyRuleViolation;
import com.truffle.ashby.domain.AshbyRuleViolation.Rule;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.KeyCheck;
import com.truffle.ashby.domain.PartnerKey;
import com.truffle.ashby.domain.Plan;
import com.truffle.ashby.domain.SealedAshbyKey;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Connect, reconnect, disconnect, and the admin's retry of waiting results. Each runs in one transaction that holds the company's connection lock for its whole
 * length, including the calls to Ashby and key-service (a second click waits instead of issuing a second key); an
 * admin action is rare and short, so holding one connection that long is the cheap way to be correct.
 */
@ApplicationScoped
public class AshbyConnectionService implements ConnectAshbyUseCase, ReconnectAshbyUseCase, DisconnectAshbyUseCase,
        RetryAshbyDeliveriesUseCase, TrackPartnerKeyUseCase {

    @Inject
    LoadConnectionPort load;
    @Inject
    SaveConnectionPort save;
    @Inject
    PlanPort plans;
    @Inject
    AshbyPort ashby;
    @Inject
    PartnerKeyPort partnerKeys;
    @Inject
    AshbyKeyVaultPort vault;
    @Inject
    DeliveryQueuePort deliveries;
    @Inject
    PublishAshbyEventPort events;
    @Inject
    Clock clock;

    @Override
    @WithTransaction
    public Uni<ConnectionIssued> connect(ConnectCommand command) {
        CompanyId company = command.companyId();
        return load.lockAndLoad(company).chain(connection -> requirePaid(company).chain(() -> {
            if (connection.status().isActive()) {
                throw new AshbyRuleViolation(Rule.ALREADY_CONNECTED,
                        "Ashby is already connected; reconnect to issue a new Truffle key, or disconnect first.");
            }
            return requireValid(command.ashbyApiKey(), "this key")
                    .chain(() -> issue(command.onBehalfOf()))
                    .chain(partnerKey -> {
                        SealedAshbyKey sealed = vault.seal(company, command.ashbyApiKey());
                        List<AshbyEvent> happened = connection.connect(sealed, partnerKey, clock.instant());
                        return commit(connection, happened).replaceWith(new ConnectionIssued(connection.status(), partnerKey.secret()));
                    });
        }));
    }

    @Override
    @WithTransaction
    public Uni<ConnectionIssued> reconnect(ReconnectCommand command) {
        CompanyId company = command.companyId();
        return load.lockAndLoad(company).chain(connection -> requirePaid(company).chain(() -> {
            if (!connection.status().isActive()) {
                throw new AshbyRuleViolation(Rule.NOT_CONNECTED, "Ashby is not connected; connect with an Ashby API key first.");
            }
            Optional<AshbyApiKey> newKey = command.newAshbyApiKey();
            AshbyApiKey key = newKey.orElseGet(() -> storedKey(connection));
            return requireValid(key, newKey.isPresent() ? "this key" : "the stored key; reconnect with a new ashby_api_key")
                    .chain(() -> reissue(command.onBehalfOf()))
                    .chain(partnerKey -> {
                        SealedAshbyKey sealed = newKey.map(k -> vault.seal(company, k)).orElse(null);
                        List<AshbyEvent> happened = connection.reconnect(sealed, partnerKey, clock.instant());
                        return commit(connection, happened)
                                .chain(() -> deliveries.resume(company))
                                .replaceWith(new ConnectionIssued(connection.status(), partnerKey.secret()));
                    });
        }));
    }

    @Override
    @WithTransaction
    public Uni<Void> disconnect(DisconnectCommand command) {
        CompanyId company = command.companyId();
        return load.lockAndLoad(company).chain(connection -> {
            if (!connection.status().isActive()) {
                // nothing to disconnect; still clean up a partner key a connect may have left half-way, best effort
                return partnerKeys.revoke(command.onBehalfOf()).onFailure().recoverWithItem(false).replaceWithVoid();
            }
            return partnerKeys.revoke(command.onBehalfOf()).chain(revoked -> {
                List<AshbyEvent> happened = connection.disconnect(clock.instant());
                return commit(connection, happened).chain(() -> deliveries.discardPending(company, "disconnected"));
            });
        });
    }

    @Override
    @WithTransaction
    public Uni<Void> retry(CompanyId companyId) {
        return load.lockAndLoad(companyId).chain(connection -> {
            connection.retryDeliveries();
            return save.save(connection).chain(() -> deliveries.resume(companyId));
        });
    }

    @Override
    @WithTransaction
    public Uni<Void> keyRevoked(CompanyId companyId, String keyId) {
        return load.lockAndLoad(companyId).chain(connection -> {
            if (connection.isNew()) {
                return Uni.createFrom().voidItem();
            }
            connection.partnerKeyRevoked(keyId);
            return save.save(connection);
        });
    }

    private Uni<Void> requirePaid(CompanyId company) {
        return plans.planOf(company).invoke(plan -> {
            if (plan != Plan.PAID) {
                throw new AshbyRuleViolation(Rule.PAID_PLAN_REQUIRED,
                        AshbyCard.PAID_ONLY + ": upgrade your plan to connect Ashby.");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> requireValid(AshbyApiKey key, String which) {
        return ashby.checkKey(key).invoke(check -> {
            if (check == KeyCheck.REJECTED) {
                throw new AshbyRuleViolation(Rule.ASHBY_KEY_REJECTED, "Ashby rejected " + which + ".");
            }
            if (check == KeyCheck.MISSING_CANDIDATES_WRITE) {
                throw new AshbyRuleViolation(Rule.ASHBY_KEY_LACKS_PERMISSION, "Ashby accepted " + which + ", but it is missing the "
                        + KeyCheck.WRITE_PERMISSION + " permission Truffle needs to post results. In Ashby, open Admin → API Keys, give "
                        + "the key the Candidates write permission (" + KeyCheck.WRITE_PERMISSION + "), and connect again.");
            }
        }).replaceWithVoid();
    }

    private AshbyApiKey storedKey(AshbyConnection connection) {
        try {
            return vault.open(connection.companyId(), connection.ashbyKey());
        } catch (RuntimeException e) {
            throw new AshbyRuleViolation(Rule.ASHBY_KEY_REJECTED,
                    "The stored Ashby key can no longer be read; reconnect with a new ashby_api_key.");
        }
    }

    /** Create; if a partner key is already active (an earlier connect stopped half-way), regenerate it instead. */
    private Uni<PartnerKey> issue(AdminToken token) {
        return partnerKeys.create(token).chain(created -> created.isPresent() ? Uni.createFrom().item(created.get())
                : partnerKeys.regenerate(token).map(again -> again.orElseThrow(AshbyConnectionService::keyServiceRaced)));
    }

    /** Regenerate; if there is no active partner key any more (revoked elsewhere), create one. */
    private Uni<PartnerKey> reissue(AdminToken token) {
        return partnerKeys.regenerate(token).chain(regenerated -> regenerated.isPresent() ? Uni.createFrom().item(regenerated.get())
                : partnerKeys.create(token).map(created -> created.orElseThrow(AshbyConnectionService::keyServiceRaced)));
    }

    private Uni<Void> commit(AshbyConnection connection, List<AshbyEvent> happened) {
        return save.save(connection).chain(() -> events.publish(happened));
    }

    private static AshbyRuleViolation keyServiceRaced() {
        return new AshbyRuleViolation(Rule.KEY_SERVICE_UNAVAILABLE, "The Truffle key changed while we were issuing it; try again.");
    }
}

package com.truffle.ashby.application.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.ashby.application.port.in.ResealAshbyKeysUseCase;
import com.truffle.ashby.application.port.out.AshbyKeyVaultPort;
import com.truffle.ashby.application.port.out.LoadConnectionPort;
import com.truffle.ashby.application.port.out.SaveConnectionPort;
import com.truffle.ashby.domain.AshbyConnection;
import com.truffle.ashby.domain.CompanyId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/** Moves stored Ashby keys to the current encryption key, a batch of connections at a time, each under its lock. */
@ApplicationScoped
public class AshbyKeyRotationService implements ResealAshbyKeysUseCase {

    private static final Logger LOG = Logger.getLogger(AshbyKeyRotationService.class);
    static final int BATCH = 100;

    @Inject
    LoadConnectionPort load;
    @Inject
    SaveConnectionPort save;
    @Inject
    AshbyKeyVaultPort vault;

    @Override
    public Uni<Integer> resealAll() {
        return batch("", 0).invoke(n -> {
            if (n > 0) {
                LOG.infof("re-sealed %d stored Ashby key(s) under the current encryption key", n);
            }
        });
    }

    private Uni<Integer> batch(String after, int done) {
        return Panache.withSession(() -> load.withAshbyKey(after, BATCH)).chain(connections -> {
            if (connections.isEmpty()) {
                return Uni.createFrom().item(done);
            }
            List<CompanyId> stale = connections.stream().filter(c -> vault.needsReseal(c.ashbyKey()))
                    .map(AshbyConnection::companyId).toList();
            String last = connections.get(connections.size() - 1).companyId().value();
            return Multi.createFrom().iterable(stale).onItem().transformToUniAndConcatenate(this::reseal)
                    .collect().asList().map(resealed -> resealed.stream().mapToInt(Integer::intValue).sum())
                    .chain(n -> connections.size() < BATCH ? Uni.createFrom().item(done + n) : batch(last, done + n));
        });
    }

    private Uni<Integer> reseal(CompanyId company) {
        return Panache.withTransaction(() -> load.lockAndLoad(company).chain(c -> {
            if (c.ashbyKey() == null || !vault.needsReseal(c.ashbyKey())) {
                return Uni.createFrom().item(0);
            }
            c.resealed(vault.reseal(company, c.ashbyKey()));
            return save.save(c).replaceWith(1);
        })).onFailure().recoverWithItem(e -> {
            // a key no configured encryption key opens stays as it is; the card already says to reconnect
            LOG.warnf("could not re-seal the Ashby key of company %s: %s", company, e.getMessage());
            return 0;
        });
    }
}

package com.truffle.gateway.application.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.in.ReportKeyUsageUseCase;
import com.truffle.gateway.application.port.out.PublishKeyUsagePort;
import com.truffle.gateway.domain.usage.KeyUsage;
import com.truffle.gateway.domain.usage.UsageTally;
import io.smallrye.mutiny.Uni;

/** Drains the tally into {@code KeyUsed} events; what fails to publish goes back into the tally for the next round. */
@ApplicationScoped
public class UsageReportingService implements ReportKeyUsageUseCase {

    private final UsageTally tally;
    private final PublishKeyUsagePort publisher;

    @Inject
    public UsageReportingService(UsageTally tally, PublishKeyUsagePort publisher) {
        this.tally = tally;
        this.publisher = publisher;
    }

    @Override
    public Uni<Integer> reportUsage() {
        List<KeyUsage> batch = tally.drain();
        if (batch.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return publisher.publish(batch)
                .onFailure().invoke(e -> tally.restore(batch))
                .replaceWith(batch.size());
    }
}

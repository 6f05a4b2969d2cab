package com.truffle.screening.adapter.out.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.truffle.screening.application.port.out.ProcessedCommandPort;
import com.truffle.screening.domain.CompanyId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class ProcessedCommandAdapter implements ProcessedCommandPort {

    private static final String MARK = "insert into processed_command (command_id, company_id, command_type, outcome, processed_at) "
            + "values (:id, :company, :type, 'in progress', :at) on conflict do nothing";

    @Override
    public Uni<Boolean> firstTime(UUID commandId, CompanyId companyId, String commandType, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery(MARK).setParameter("id", commandId)
                .setParameter("company", companyId.value()).setParameter("type", commandType)
                .setParameter("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).executeUpdate())
                .map(inserted -> inserted == 1);
    }

    @Override
    public Uni<Void> outcome(UUID commandId, String outcome) {
        return Panache.getSession().chain(s -> s.createNativeQuery("update processed_command set outcome = :outcome where command_id = :id")
                .setParameter("outcome", outcome.length() > 500 ? outcome.substring(0, 500) : outcome)
                .setParameter("id", commandId).executeUpdate()).replaceWithVoid();
    }
}

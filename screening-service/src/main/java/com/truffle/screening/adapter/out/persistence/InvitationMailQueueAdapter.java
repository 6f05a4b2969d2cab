package com.truffle.screening.adapter.out.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.truffle.screening.application.port.out.InvitationMailQueuePort;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.PendingMail;
import com.truffle.screening.domain.ScreeningId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class InvitationMailQueueAdapter implements InvitationMailQueuePort {

    // several workers (replicas) share the queue: each takes a row the others do not hold
    private static final String NEXT = "select * from invitation_mail where status = 'PENDING' and next_attempt_at <= :now "
            + "order by next_attempt_at, id limit 1 for update skip locked";

    @Override
    public Uni<Void> enqueue(ScreeningId screeningId, CompanyId companyId, Instant now) {
        InvitationMailEntity e = new InvitationMailEntity();
        e.screeningId = screeningId.value();
        e.companyId = companyId.value();
        e.status = "PENDING";
        e.nextAttemptAt = now;
        e.createdAt = now;
        return Panache.getSession().chain(s -> s.persist(e).chain(s::flush));
    }

    @Override
    public Uni<Optional<PendingMail>> claimNext(Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery(NEXT, InvitationMailEntity.class)
                .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).getResultList())
                .map(rows -> rows.stream().findFirst().map(e -> new PendingMail(e.id, new ScreeningId(e.screeningId),
                        new CompanyId(e.companyId), e.attempts)));
    }

    @Override
    public Uni<Void> lease(PendingMail mail, Instant until) {
        return change(mail, e -> e.nextAttemptAt = until);
    }

    @Override
    public Uni<Void> sent(PendingMail mail, Instant now) {
        return change(mail, e -> {
            e.status = "SENT";
            e.attempts++;
            e.sentAt = now;
            e.lastError = null;
        });
    }

    @Override
    public Uni<Void> retryAt(PendingMail mail, Instant next, String error) {
        return change(mail, e -> {
            e.attempts++;
            e.nextAttemptAt = next;
            e.lastError = error;
        });
    }

    @Override
    public Uni<Void> failed(PendingMail mail, String error) {
        return change(mail, e -> {
            e.status = "FAILED";
            e.attempts++;
            e.lastError = error;
        });
    }

    @Override
    public Uni<Void> skipped(PendingMail mail, String why) {
        return change(mail, e -> {
            e.status = "SKIPPED";
            e.lastError = why;
        });
    }

    private Uni<Void> change(PendingMail mail, java.util.function.Consumer<InvitationMailEntity> change) {
        return Panache.getSession().chain(s -> s.find(InvitationMailEntity.class, mail.id()).invoke(change).chain(s::flush));
    }
}

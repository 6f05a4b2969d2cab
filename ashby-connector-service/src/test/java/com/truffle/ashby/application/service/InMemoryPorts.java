package com.truffle.ashby.application.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.truffle.ashby.application.port.out.AshbyKeyVaultPort;
import com.truffle.ashby.application.port.out.AshbyPort;
import com.truffle.ashby.application.port.out.AssessmentPort;
import com.truffle.ashby.application.port.out.DeliveryQueuePort;
import com.truffle.ashby.application.port.out.LoadConnectionPort;
import com.truffle.ashby.application.port.out.PartnerKeyPort;
import com.truffle.ashby.application.port.out.PlanPort;
import com.truffle.ashby.application.port.out.PositionPort;
import com.truffle.ashby.application.port.out.PublishAshbyEventPort;
import com.truffle.ashby.application.port.out.SaveConnectionPort;
import com.truffle.ashby.domain.AdminToken;
import com.truffle.ashby.domain.AshbyApiKey;
import com.truffle.ashby.domain.AshbyConnection;
import com.truffle.ashby.domain.AshbyEvent;
import com.truffle.ashby.domain.Assessment;
import com.truffle.ashby.domain.AssessmentId;
import com.truffle.ashby.domain.AssessmentStatus;
import com.truffle.ashby.domain.AssessmentUpdate;
import com.truffle.ashby.domain.ClaimedDelivery;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.DeliveryOutcome;
import com.truffle.ashby.domain.KeyCheck;
import com.truffle.ashby.domain.PartnerKey;
import com.truffle.ashby.domain.Plan;
import com.truffle.ashby.domain.Position;
import com.truffle.ashby.domain.SealedAshbyKey;
import io.smallrye.mutiny.Uni;

/** In-memory fakes of the out-ports, for the use cases' plain JUnit tests. */
final class InMemoryPorts implements LoadConnectionPort, SaveConnectionPort, PlanPort, PositionPort, AssessmentPort,
        DeliveryQueuePort, AshbyPort, PartnerKeyPort, AshbyKeyVaultPort, PublishAshbyEventPort {

    final Map<CompanyId, AshbyConnection> connections = new HashMap<>();
    final Map<CompanyId, Plan> plans = new HashMap<>();
    final Map<String, Position> positions = new LinkedHashMap<>();
    final Map<AssessmentId, Assessment> assessments = new LinkedHashMap<>();
    final List<AssessmentUpdate> queued = new ArrayList<>();
    final List<AshbyEvent> published = new ArrayList<>();
    final Map<String, KeyCheck> ashbyKeys = new HashMap<>();
    final List<String> keyServiceCalls = new ArrayList<>();
    /** What key-service answers, per call kind: a key, or null for 409 (create) / 404 (regenerate). */
    final Map<String, PartnerKey> keyService = new HashMap<>();

    // connections
    @Override
    public Uni<AshbyConnection> load(CompanyId companyId) {
        return Uni.createFrom().item(connections.getOrDefault(companyId, AshbyConnection.notConnected(companyId)));
    }

    @Override
    public Uni<AshbyConnection> lockAndLoad(CompanyId companyId) {
        return load(companyId);
    }

    @Override
    public Uni<List<AshbyConnection>> withAshbyKey(String afterCompanyId, int limit) {
        return Uni.createFrom().item(connections.values().stream().filter(c -> c.ashbyKey() != null)
                .filter(c -> c.companyId().value().compareTo(afterCompanyId) > 0)
                .sorted(java.util.Comparator.comparing(c -> c.companyId().value())).limit(limit).toList());
    }

    @Override
    public Uni<Void> save(AshbyConnection connection) {
        connections.put(connection.companyId(), connection);
        return Uni.createFrom().voidItem();
    }

    // plans
    @Override
    public Uni<Plan> planOf(CompanyId companyId) {
        return Uni.createFrom().item(plans.getOrDefault(companyId, Plan.TRIAL));
    }

    @Override
    public Uni<Void> record(CompanyId companyId, Plan plan, Instant occurredAt) {
        plans.put(companyId, plan);
        return Uni.createFrom().voidItem();
    }

    // positions
    @Override
    public Uni<List<Position>> openPositions(CompanyId companyId) {
        return Uni.createFrom().item(positions.values().stream().filter(p -> p.companyId().equals(companyId) && p.isOpen()).toList());
    }

    @Override
    public Uni<Optional<Position>> find(CompanyId companyId, String jobId) {
        return Uni.createFrom().item(Optional.ofNullable(positions.get(companyId + "/" + jobId)));
    }

    @Override
    public Uni<Void> record(Position position) {
        positions.put(position.companyId() + "/" + position.jobId(), position);
        return Uni.createFrom().voidItem();
    }

    // assessments
    @Override
    public Uni<Stored> insertUnlessOpen(Assessment assessment) {
        Optional<Assessment> open = open(assessment.companyId(), assessment.idempotencyKey());
        if (open.isPresent()) {
            return Uni.createFrom().item(new Stored(open.get(), false));
        }
        assessments.put(assessment.id(), assessment);
        return Uni.createFrom().item(new Stored(assessment, true));
    }

    private Optional<Assessment> open(CompanyId companyId, String key) {
        return assessments.values().stream().filter(a -> a.companyId().equals(companyId) && a.idempotencyKey().equals(key)
                && a.status() != AssessmentStatus.CANCELLED && a.status() != AssessmentStatus.COMPLETED).findFirst();
    }

    @Override
    public Uni<Optional<Assessment>> findOpen(CompanyId companyId, String idempotencyKey) {
        return Uni.createFrom().item(open(companyId, idempotencyKey));
    }

    @Override
    public Uni<Optional<Assessment>> lock(CompanyId companyId, AssessmentId id) {
        return Uni.createFrom().item(Optional.ofNullable(assessments.get(id)).filter(a -> a.companyId().equals(companyId)));
    }

    @Override
    public Uni<Optional<Assessment>> lockByScreening(CompanyId companyId, String screeningId) {
        return Uni.createFrom().item(assessments.values().stream()
                .filter(a -> a.companyId().equals(companyId) && screeningId.equals(a.screeningId())).findFirst());
    }

    @Override
    public Uni<Void> save(Assessment assessment) {
        assessments.put(assessment.id(), assessment);
        return Uni.createFrom().voidItem();
    }

    // delivery queue: only enqueue matters to the use cases under test here
    @Override
    public Uni<Void> enqueue(CompanyId companyId, AssessmentUpdate update) {
        queued.add(update);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<List<ClaimedDelivery>> claimDue(int max, Set<CompanyId> excluded, Duration lease, String owner) {
        return Uni.createFrom().item(List.of());
    }

    @Override
    public Uni<Void> delivered(long id) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> retryLater(long id, Duration delay, String error) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> holdForAdmin(long id, String error) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> failed(long id, String error) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> release(long id) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> discard(long id, String why) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Boolean> othersFailing(CompanyId companyId, long exceptId) {
        return Uni.createFrom().item(false);
    }

    final List<CompanyId> resumed = new ArrayList<>();
    final List<CompanyId> discarded = new ArrayList<>();

    @Override
    public Uni<Void> resume(CompanyId companyId) {
        resumed.add(companyId);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> discardPending(CompanyId companyId, String why) {
        discarded.add(companyId);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> releaseClaims(String owner) {
        return Uni.createFrom().voidItem();
    }

    // Ashby
    @Override
    public Uni<KeyCheck> checkKey(AshbyApiKey key) {
        return Uni.createFrom().item(ashbyKeys.getOrDefault(key.value(), KeyCheck.ACCEPTED));
    }

    @Override
    public Uni<DeliveryOutcome> update(AshbyApiKey key, AssessmentUpdate update) {
        return Uni.createFrom().item(new DeliveryOutcome.Delivered());
    }

    // key-service
    @Override
    public Uni<Optional<PartnerKey>> create(AdminToken onBehalfOf) {
        keyServiceCalls.add("create " + onBehalfOf.value());
        return Uni.createFrom().item(Optional.ofNullable(keyService.get("create")));
    }

    @Override
    public Uni<Optional<PartnerKey>> regenerate(AdminToken onBehalfOf) {
        keyServiceCalls.add("regenerate " + onBehalfOf.value());
        return Uni.createFrom().item(Optional.ofNullable(keyService.get("regenerate")));
    }

    @Override
    public Uni<Boolean> revoke(AdminToken onBehalfOf) {
        keyServiceCalls.add("revoke " + onBehalfOf.value());
        return Uni.createFrom().item(true);
    }

    // vault: reversible, visibly not clear text
    @Override
    public SealedAshbyKey seal(CompanyId companyId, AshbyApiKey key) {
        return new SealedAshbyKey(new StringBuilder(key.value()).reverse().toString().getBytes());
    }

    @Override
    public AshbyApiKey open(CompanyId companyId, SealedAshbyKey sealed) {
        return new AshbyApiKey(new StringBuilder(new String(sealed.bytes())).reverse().toString());
    }

    @Override
    public boolean needsReseal(SealedAshbyKey sealed) {
        return false;
    }

    @Override
    public SealedAshbyKey reseal(CompanyId companyId, SealedAshbyKey sealed) {
        return sealed;
    }

    // events
    @Override
    public Uni<Void> publish(List<? extends AshbyEvent> events) {
        published.addAll(events);
        return Uni.createFrom().voidItem();
    }
}

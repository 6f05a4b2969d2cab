package com.truffle.access.application.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.truffle.access.application.port.out.AccessAuditPort;
import com.truffle.access.application.port.out.LoadAccessRequestPort;
import com.truffle.access.application.port.out.LoadEntitlementPort;
import com.truffle.access.application.port.out.PublishAccessEventPort;
import com.truffle.access.application.port.out.SaveEntitlementPort;
import com.truffle.access.domain.AccessEvent;
import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.AccessRequestId;
import com.truffle.access.domain.AccessRequestPage;
import com.truffle.access.domain.AccessRuleViolation;
import com.truffle.access.domain.AccessStatus;
import com.truffle.access.domain.AuditEntry;
import com.truffle.access.domain.CompanyEntitlement;
import com.truffle.access.domain.CompanyId;
import com.truffle.access.domain.Plan;
import io.smallrye.mutiny.Uni;

/**
 * In-memory fakes of the out-ports, for the use cases' plain JUnit tests. Like the database, they keep rows, not the
 * objects a service changed: every load builds a fresh entitlement and fresh requests, so a change counts only once
 * it was saved.
 */
final class InMemoryPorts implements LoadEntitlementPort, SaveEntitlementPort, LoadAccessRequestPort, AccessAuditPort,
        PublishAccessEventPort {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** A company's entitlement row. */
    record EntitlementRow(Plan plan, AccessStatus access, AccessRequestId pendingRequestId, long version) {
    }

    /** An event as it left, with the entitlement it was published with (the state after it). */
    record Published(AccessEvent event, Plan plan, AccessStatus access) {
    }

    final Map<CompanyId, EntitlementRow> entitlements = new HashMap<>();
    final Map<AccessRequestId, AccessRequest> requests = new LinkedHashMap<>();
    final List<AccessEvent> audited = new ArrayList<>();
    final List<Published> published = new ArrayList<>();
    int saves;

    /** The wired use cases, as CDI would make them. */
    RequestAccessService requestAccess() {
        RequestAccessService s = new RequestAccessService();
        s.load = this;
        s.changes = changes();
        s.clock = CLOCK;
        return s;
    }

    DecideAccessRequestService decide() {
        DecideAccessRequestService s = new DecideAccessRequestService();
        s.requests = this;
        s.load = this;
        s.changes = changes();
        s.clock = CLOCK;
        return s;
    }

    ChangePlanService changePlan() {
        ChangePlanService s = new ChangePlanService();
        s.load = this;
        s.changes = changes();
        s.clock = CLOCK;
        return s;
    }

    AccessQueryService query() {
        AccessQueryService s = new AccessQueryService();
        s.entitlements = this;
        s.requests = this;
        s.audit = this;
        return s;
    }

    private EntitlementChanges changes() {
        EntitlementChanges c = new EntitlementChanges();
        c.save = this;
        c.audit = this;
        c.events = this;
        return c;
    }

    /** The rule a refused call broke. */
    static AccessRuleViolation.Rule refusal(Runnable call) {
        try {
            call.run();
        } catch (AccessRuleViolation e) {
            return e.rule();
        }
        throw new AssertionError("not refused");
    }

    List<AccessEvent> events() {
        return published.stream().map(Published::event).toList();
    }

    EntitlementRow row(CompanyId companyId) {
        return entitlements.get(companyId);
    }

    // entitlements
    @Override
    public Uni<CompanyEntitlement> load(CompanyId companyId) {
        EntitlementRow row = entitlements.get(companyId);
        if (row == null) {
            return Uni.createFrom().item(CompanyEntitlement.newCompany(companyId));
        }
        AccessRequest pending = row.pendingRequestId() == null ? null : copy(requests.get(row.pendingRequestId()));
        return Uni.createFrom().item(new CompanyEntitlement(companyId, row.plan(), row.access(), pending, row.version()));
    }

    @Override
    public Uni<Void> save(CompanyEntitlement entitlement, AccessRequest touched) {
        saves++;
        if (touched != null) {
            requests.put(touched.id(), copy(touched));
        }
        EntitlementRow before = entitlements.get(entitlement.companyId());
        entitlements.put(entitlement.companyId(), new EntitlementRow(entitlement.plan(), entitlement.access(),
                entitlement.pending().map(AccessRequest::id).orElse(null), before == null ? 0 : before.version() + 1));
        return Uni.createFrom().voidItem();
    }

    // requests
    @Override
    public Uni<Optional<AccessRequest>> byId(AccessRequestId id) {
        return Uni.createFrom().item(Optional.ofNullable(requests.get(id)).map(InMemoryPorts::copy));
    }

    /** The staff queue, oldest first (paging is the persistence adapter's: one page here). */
    @Override
    public Uni<AccessRequestPage> page(Optional<AccessStatus> status, Optional<String> cursor, int limit) {
        return Uni.createFrom().item(new AccessRequestPage(requests.values().stream()
                .filter(r -> status.isEmpty() || r.status() == status.get()).limit(limit).map(InMemoryPorts::copy).toList(), null));
    }

    @Override
    public Uni<List<AccessRequest>> ofCompany(CompanyId companyId) {
        return Uni.createFrom().item(requests.values().stream().filter(r -> r.companyId().equals(companyId))
                .map(InMemoryPorts::copy).toList());
    }

    // audit
    @Override
    public Uni<Void> record(List<AccessEvent> events) {
        audited.addAll(events);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<List<AuditEntry>> trail(CompanyId companyId) {
        return Uni.createFrom().item(audited.stream().filter(e -> e.companyId().equals(companyId)).map(AuditEntry::of).toList());
    }

    // events
    @Override
    public Uni<Void> publish(CompanyEntitlement state, List<AccessEvent> events) {
        events.forEach(e -> published.add(new Published(e, state.plan(), state.access())));
        return Uni.createFrom().voidItem();
    }

    private static AccessRequest copy(AccessRequest r) {
        return new AccessRequest(r.id(), r.companyId(), r.useCase(), r.requestedBy(), r.requestedAt(), r.status(),
                r.decision().orElse(null));
    }
}

package com.truffle.access.application.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.access.application.port.out.AccessAuditPort;
import com.truffle.access.application.port.out.PublishAccessEventPort;
import com.truffle.access.application.port.out.SaveEntitlementPort;
import com.truffle.access.domain.AccessEvent;
import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.CompanyEntitlement;
import io.smallrye.mutiny.Uni;

/** Stores a changed entitlement, its audit lines and its events together (caller's transaction). */
@ApplicationScoped
class EntitlementChanges {

    @Inject
    SaveEntitlementPort save;
    @Inject
    AccessAuditPort audit;
    @Inject
    PublishAccessEventPort events;

    Uni<Void> commit(CompanyEntitlement entitlement, AccessRequest touched, List<AccessEvent> happened) {
        return save.save(entitlement, touched)
                .chain(() -> audit.record(happened))
                .chain(() -> events.publish(entitlement, happened));
    }
}

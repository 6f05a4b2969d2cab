package com.truffle.ashby.application.port.out;

import java.util.Optional;

import com.truffle.ashby.domain.Assessment;
import com.truffle.ashby.domain.AssessmentId;
import com.truffle.ashby.domain.CompanyId;
import io.smallrye.mutiny.Uni;

public interface AssessmentPort {

    /**
     * Stores a new assessment unless one with the same idempotency key is open (not cancelled) for the company;
     * then that one is returned and nothing is stored. Safe under concurrent starts.
     */
    Uni<Stored> insertUnlessOpen(Assessment assessment);

    record Stored(Assessment assessment, boolean created) {
    }

    /** The company's open (not cancelled) assessment with this idempotency key, if any. */
    Uni<Optional<Assessment>> findOpen(CompanyId companyId, String idempotencyKey);

    /** The company's assessment with this id, locked for the rest of the transaction. */
    Uni<Optional<Assessment>> lock(CompanyId companyId, AssessmentId id);

    /** The company's assessment behind this screening, locked for the rest of the transaction. */
    Uni<Optional<Assessment>> lockByScreening(CompanyId companyId, String screeningId);

    Uni<Void> save(Assessment assessment);
}

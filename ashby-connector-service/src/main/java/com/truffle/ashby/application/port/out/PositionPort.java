package com.truffle.ashby.application.port.out;

import java.util.List;
import java.util.Optional;

import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.Position;
import io.smallrye.mutiny.Uni;

/** The read model of positions (from truffle.screening.v1). */
public interface PositionPort {

    /** Open positions, oldest first. */
    Uni<List<Position>> openPositions(CompanyId companyId);

    Uni<Optional<Position>> find(CompanyId companyId, String jobId);

    /** Keeps the newest news about a position. */
    Uni<Void> record(Position position);
}

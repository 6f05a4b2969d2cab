package com.truffle.ashby.application.port.in;

import com.truffle.ashby.domain.Position;
import io.smallrye.mutiny.Uni;

/** The local read model of positions, fed by PositionPublished/PositionUpdated. */
public interface RecordPositionUseCase {

    Uni<Void> record(Position position);
}

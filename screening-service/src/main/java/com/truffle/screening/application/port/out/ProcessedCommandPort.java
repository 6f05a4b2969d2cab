package com.truffle.screening.application.port.out;

import java.time.Instant;
import java.util.UUID;

import com.truffle.screening.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/** Commands already handled, by command id (in the handler's transaction). */
public interface ProcessedCommandPort {

    /** Records the command; false when it was already recorded (then it must not be handled again). */
    Uni<Boolean> firstTime(UUID commandId, CompanyId companyId, String commandType, Instant now);

    Uni<Void> outcome(UUID commandId, String outcome);
}

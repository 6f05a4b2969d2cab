package com.truffle.access.application.port.in;

import java.util.Objects;

import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.AccessRequestId;
import io.smallrye.mutiny.Uni;

/** Truffle staff approve or reject a pending request; the decision records reviewer, time and reason. */
public interface DecideAccessRequestUseCase {

    Uni<AccessRequest> decide(DecideCommand command);

    enum Verdict { APPROVE, REJECT }

    record DecideCommand(AccessRequestId requestId, Verdict verdict, String reviewer, String reason) {
        public DecideCommand {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(reviewer, "reviewer");
        }
    }
}

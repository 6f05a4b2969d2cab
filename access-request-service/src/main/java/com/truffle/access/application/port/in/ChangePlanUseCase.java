package com.truffle.access.application.port.in;

import java.util.Objects;

import com.truffle.access.domain.CompanyEntitlement;
import com.truffle.access.domain.CompanyId;
import com.truffle.access.domain.Plan;
import io.smallrye.mutiny.Uni;

/** Staff (or billing) sets a company's plan; leaving PAID suspends API access, returning reinstates it. */
public interface ChangePlanUseCase {

    Uni<CompanyEntitlement> changePlan(ChangePlanCommand command);

    record ChangePlanCommand(CompanyId companyId, Plan plan, String actor) {
        public ChangePlanCommand {
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(actor, "actor");
        }
    }
}

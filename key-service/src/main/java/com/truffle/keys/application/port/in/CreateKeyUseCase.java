package com.truffle.keys.application.port.in;

import java.util.Objects;

import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.KeyRuleViolation;
import com.truffle.keys.domain.KeyWithSecret;
import com.truffle.keys.domain.Permission;
import io.smallrye.mutiny.Uni;

/** A company admin creates an integration key (READ/WRITE/ADMIN) while the company's API access is approved. */
public interface CreateKeyUseCase {

    Uni<KeyWithSecret> create(CreateKeyCommand command);

    record CreateKeyCommand(CompanyId companyId, String name, String description, Permission permission, Actor actor) {
        public CreateKeyCommand {
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(actor, "actor");
            if (permission == Permission.PARTNER_ASHBY) {
                throw new KeyRuleViolation(KeyRuleViolation.Rule.INVALID, "Partner keys are made by the Ashby integration.",
                        java.util.List.of(new KeyRuleViolation.FieldProblem("permission", "must be one of [READ, WRITE, ADMIN]")));
            }
            if (permission == null) {
                throw new KeyRuleViolation(KeyRuleViolation.Rule.INVALID, "A key needs a permission.",
                        java.util.List.of(new KeyRuleViolation.FieldProblem("permission", "must be one of [READ, WRITE, ADMIN]")));
            }
        }
    }
}

package com.truffle.screening.application.service;

import com.truffle.screening.domain.Candidate;
import com.truffle.screening.domain.ScreeningRuleViolation;

final class CandidateEmails {

    static ScreeningRuleViolation taken(Candidate existing) {
        return new ScreeningRuleViolation(ScreeningRuleViolation.Rule.EMAIL_TAKEN, "email",
                "Candidate " + existing.id() + " already has the email " + existing.email() + ".");
    }

    private CandidateEmails() {
    }
}

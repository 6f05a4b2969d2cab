package com.truffle.screening.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.screening.application.port.in.HandleAshbyCommandUseCase;
import com.truffle.screening.application.port.out.LoadCandidatePort;
import com.truffle.screening.application.port.out.LoadJobPort;
import com.truffle.screening.application.port.out.LoadScreeningPort;
import com.truffle.screening.application.port.out.ProcessedCommandPort;
import com.truffle.screening.application.port.out.PublishScreeningEventPort;
import com.truffle.screening.application.port.out.SaveCandidatePort;
import com.truffle.screening.application.port.out.SaveScreeningPort;
import com.truffle.screening.domain.Candidate;
import com.truffle.screening.domain.Job;
import com.truffle.screening.domain.JobId;
import com.truffle.screening.domain.ScreeningRuleViolation;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Carries out the Ashby connector's commands. Each runs once per command id (recorded with its outcome in the
 * same transaction). A command the rules refuse (unknown or closed position, completed screening) is recorded
 * as rejected and logged: retrying it could never succeed.
 */
@ApplicationScoped
public class AshbyCommandService implements HandleAshbyCommandUseCase {

    private static final Logger LOG = Logger.getLogger(AshbyCommandService.class);

    @Inject
    ProcessedCommandPort processed;
    @Inject
    LoadJobPort jobs;
    @Inject
    LoadCandidatePort candidates;
    @Inject
    SaveCandidatePort saveCandidate;
    @Inject
    LoadScreeningPort screenings;
    @Inject
    SaveScreeningPort saveScreening;
    @Inject
    PublishScreeningEventPort events;
    @Inject
    Invitations invitations;
    @Inject
    Clock clock;

    @Override
    @WithTransaction
    public Uni<String> requestAssessment(RequestAssessmentCommand command) {
        Instant now = clock.instant();
        return processed.firstTime(command.commandId(), command.companyId(), "AssessmentRequested", now).chain(first -> {
            if (!first) {
                return Uni.createFrom().item("duplicate");
            }
            return Uni.createFrom().item(() -> jobId(command.jobId())).chain(id -> jobs.load(command.companyId(), id))
                    .map(found -> found.orElseThrow(() -> new ScreeningRuleViolation(ScreeningRuleViolation.Rule.NOT_FOUND,
                            "no position " + command.jobId())))
                    .invoke(Job::requireOpen)
                    .chain(job -> candidateFor(command, now).chain(candidate -> invitations.invite(candidate, job, command.assessmentId())))
                    .map(invitation -> (invitation.created() ? "invited: screening " : "already invited: screening ")
                            + invitation.screening().id())
                    .onFailure(ScreeningRuleViolation.class).recoverWithItem(e -> rejected(command.commandId(), e))
                    .call(outcome -> processed.outcome(command.commandId(), outcome));
        });
    }

    @Override
    @WithTransaction
    public Uni<String> cancelAssessment(CancelAssessmentCommand command) {
        Instant now = clock.instant();
        return processed.firstTime(command.commandId(), command.companyId(), "AssessmentCancelled", now).chain(first -> {
            if (!first) {
                return Uni.createFrom().item("duplicate");
            }
            return screenings.bySourceRef(command.companyId(), command.assessmentId())
                    .map(found -> found.orElseThrow(() -> new ScreeningRuleViolation(ScreeningRuleViolation.Rule.NOT_FOUND,
                            "no screening for assessment " + command.assessmentId())))
                    .chain(screening -> {
                        var cancelled = screening.cancel(command.reason() == null ? "Cancelled in Ashby" : command.reason(), now);
                        if (cancelled == null) {
                            return Uni.createFrom().item("already cancelled: screening " + screening.id());
                        }
                        return saveScreening.save(screening).chain(() -> events.publish(List.of(cancelled)))
                                .replaceWith("cancelled: screening " + screening.id());
                    })
                    .onFailure(ScreeningRuleViolation.class).recoverWithItem(e -> rejected(command.commandId(), e))
                    .call(outcome -> processed.outcome(command.commandId(), outcome));
        });
    }

    /** Finds the company's candidate by email, or adds one (CandidateAdded) from Ashby's data. */
    private Uni<Candidate> candidateFor(RequestAssessmentCommand command, Instant now) {
        CandidateInput in = command.candidate();
        if (in.email().isBlank() || !in.email().contains("@")) {
            return Uni.createFrom().failure(ScreeningRuleViolation.invalid("candidate.email", "is not an email address"));
        }
        return candidates.byEmail(command.companyId(), Candidate.normaliseEmail(in.email())).chain(found -> {
            if (found.isPresent()) {
                return Uni.createFrom().item(found.get());
            }
            String first = in.firstName() == null || in.firstName().isBlank() ? in.email().substring(0, in.email().indexOf('@'))
                    : in.firstName();
            Candidate candidate = Candidate.add(command.companyId(), first, in.lastName() == null ? "" : in.lastName(),
                    in.email(), null, in.externalId(), now);
            return saveCandidate.save(candidate).chain(() -> events.publish(List.of(candidate.added()))).replaceWith(candidate);
        });
    }

    private static JobId jobId(String value) {
        try {
            return JobId.parse(value);
        } catch (ScreeningRuleViolation e) {
            throw new ScreeningRuleViolation(ScreeningRuleViolation.Rule.NOT_FOUND, "no position " + value);
        }
    }

    private static String rejected(Object commandId, Throwable e) {
        LOG.warnf("Ashby command %s rejected: %s", commandId, e.getMessage());
        return "rejected: " + e.getMessage();
    }
}

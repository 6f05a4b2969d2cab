package com.truffle.screening.application.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.screening.application.port.in.CreateJobUseCase;
import com.truffle.screening.application.port.in.UpdateJobUseCase;
import com.truffle.screening.application.port.out.LoadJobPort;
import com.truffle.screening.application.port.out.PublishScreeningEventPort;
import com.truffle.screening.application.port.out.SaveJobPort;
import com.truffle.screening.domain.Job;
import com.truffle.screening.domain.Question;
import com.truffle.screening.domain.QuestionId;
import com.truffle.screening.domain.ScreeningRuleViolation;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class JobService implements CreateJobUseCase, UpdateJobUseCase {

    @Inject
    LoadJobPort load;
    @Inject
    SaveJobPort save;
    @Inject
    PublishScreeningEventPort events;
    @Inject
    Clock clock;

    @Override
    @WithTransaction
    public Uni<Job> create(CreateJobCommand command) {
        Job job = Job.create(command.companyId(), command.title(), command.description(),
                questions(command.questions(), null), command.status(), clock.instant());
        return save.save(job).chain(() -> events.publish(List.of(job.published()))).replaceWith(job);
    }

    @Override
    @WithTransaction
    public Uni<Job> update(UpdateJobCommand command) {
        return load.load(command.companyId(), command.jobId())
                .map(found -> found.orElseThrow(() -> ScreeningRuleViolation.notFound("job", command.jobId())))
                .chain(job -> {
                    var updated = job.update(command.title(), command.description(),
                            command.questions() == null ? null : questions(command.questions(), job), command.status(),
                            clock.instant());
                    if (updated == null) {
                        return Uni.createFrom().item(job);
                    }
                    return save.save(job).chain(() -> events.publish(List.of(updated))).replaceWith(job);
                });
    }

    /** New questions get new ids; a question that names an id of the position keeps it (answers stay attached). */
    private static List<Question> questions(List<QuestionInput> inputs, Job existing) {
        List<Question> out = new ArrayList<>(inputs.size());
        Set<QuestionId> kept = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            QuestionInput in = inputs.get(i);
            QuestionId id = QuestionId.random();
            if (in.id() != null) {
                QuestionId given = parse(in.id(), i);
                if (existing == null || existing.question(given) == null) {
                    throw ScreeningRuleViolation.invalid("questions[" + i + "].id", "is not a question of this position");
                }
                // two questions with one id could never both be answered (an answer names its question by id)
                if (!kept.add(given)) {
                    throw ScreeningRuleViolation.invalid("questions[" + i + "].id", "is already kept by an earlier question");
                }
                id = given;
            }
            try {
                out.add(new Question(id, in.prompt().strip(), in.keywords()));
            } catch (ScreeningRuleViolation e) {
                throw ScreeningRuleViolation.invalid("questions[" + i + "].keywords", e.getMessage());
            }
        }
        return out;
    }

    private static QuestionId parse(String id, int index) {
        try {
            return QuestionId.parse(id);
        } catch (ScreeningRuleViolation e) {
            throw ScreeningRuleViolation.invalid("questions[" + index + "].id", "is not a question of this position");
        }
    }
}

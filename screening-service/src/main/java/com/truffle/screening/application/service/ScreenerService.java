package com.truffle.screening.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.screening.application.port.in.TakeScreeningUseCase;
import com.truffle.screening.application.port.out.AccountSettingsPort;
import com.truffle.screening.application.port.out.LoadScreeningPort;
import com.truffle.screening.application.port.out.PublishScreeningEventPort;
import com.truffle.screening.application.port.out.SaveScreeningPort;
import com.truffle.screening.application.port.out.ScoreAnswersPort;
import com.truffle.screening.domain.Screening;
import com.truffle.screening.domain.ScreenerToken;
import com.truffle.screening.domain.ScreeningRuleViolation;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ScreenerService implements TakeScreeningUseCase {

    @Inject
    LoadScreeningPort load;
    @Inject
    SaveScreeningPort save;
    @Inject
    ScoreAnswersPort scoring;
    @Inject
    PublishScreeningEventPort events;
    @Inject
    AccountSettingsPort settings;
    @Inject
    Clock clock;

    @Override
    @WithSession
    public Uni<ScreenerView> view(String token) {
        return byToken(token).chain(s -> settings.load(s.companyId())
                .map(account -> new ScreenerView(s, s.isExpired(clock.instant()), account.displayName())));
    }

    @Override
    @WithTransaction
    public Uni<Screening> start(String token) {
        return forUpdate(token).chain(s -> {
            var started = s.start(clock.instant());
            if (started == null) {
                return Uni.createFrom().item(s);
            }
            return save.save(s).chain(() -> events.publish(List.of(started))).replaceWith(s);
        });
    }

    @Override
    @WithTransaction
    public Uni<Screening> submit(SubmitAnswersCommand command) {
        return forUpdate(command.token()).chain(s -> {
            Instant now = clock.instant();
            var answers = s.acceptAnswers(command.answers(), now);
            return scoring.score(s.questions(), answers).chain(scores -> {
                var completed = s.complete(scores, now);
                return save.save(s).chain(() -> events.publish(List.of(completed))).replaceWith(s);
            });
        });
    }

    private Uni<Screening> byToken(String token) {
        return find(token, false);
    }

    /** Writes lock the row first: of a double submit one completes, the other then sees COMPLETED. */
    private Uni<Screening> forUpdate(String token) {
        return find(token, true);
    }

    private Uni<Screening> find(String token, boolean lock) {
        if (!ScreenerToken.wellFormed(token)) {
            return Uni.createFrom().failure(unknownLink());
        }
        return load.byTokenHash(ScreenerToken.hash(token), lock).map(found -> found.orElseThrow(ScreenerService::unknownLink));
    }

    private static ScreeningRuleViolation unknownLink() {
        return new ScreeningRuleViolation(ScreeningRuleViolation.Rule.NOT_FOUND,
                "This screening link is not valid (a newer invitation may have replaced it).");
    }
}

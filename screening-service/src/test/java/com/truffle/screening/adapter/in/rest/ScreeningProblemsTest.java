package com.truffle.screening.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.truffle.platform.problem.Problem;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.RateLimitExceeded;
import com.truffle.screening.domain.ScreeningRuleViolation;
import com.truffle.screening.domain.Webhook;

/** The problems the webhook rules answer with: stable types clients switch on. */
class ScreeningProblemsTest {

    @Test
    void whereHttpsIsRequiredAnHttpWebhookIsA422NamingTheUrl() {
        ScreeningRuleViolation refused = catchThrowableOfType(() -> Webhook.register(new CompanyId("co"), "http://hooks.example.com/in",
                List.of("ScreeningCompleted"), null, true, Instant.now()), ScreeningRuleViolation.class);
        Problem p = ScreeningProblems.toProblem(refused);
        assertThat(p.getStatus()).isEqualTo(422);
        assertThat(p.getType()).isEqualTo("https://docs.truffle.dev/problems/validation");
        assertThat(p.getDetail()).isEqualTo("Field 'url' must be an absolute https URL without credentials.");
        assertThat(p.getErrors()).extracting(Problem.FieldError::field).containsExactly("url");
        // https is fine, and without the requirement (dev, tests) so is http
        Webhook.register(new CompanyId("co"), "https://hooks.example.com/in", List.of("ScreeningCompleted"), null, true, Instant.now());
        Webhook.register(new CompanyId("co"), "http://127.0.0.1:9999/in", List.of("ScreeningCompleted"), null, false, Instant.now());
    }

    @Test
    void tooManyTestDeliveriesIsA429WithRetryAfter() {
        Problem p = ScreeningProblems.toProblem(new RateLimitExceeded("slow down", Duration.ofMillis(6_200)));
        assertThat(p.getStatus()).isEqualTo(429);
        assertThat(p.getType()).isEqualTo("https://docs.truffle.dev/problems/rate-limited");
        assertThat(p.getExtensions()).containsEntry("retry_after_seconds", 7L); // what ProblemResponder turns into Retry-After
    }
}

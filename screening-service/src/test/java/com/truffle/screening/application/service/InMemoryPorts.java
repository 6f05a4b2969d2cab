package com.truffle.screening.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.truffle.screening.application.port.in.AddCandidateUseCase.AddCandidateCommand;
import com.truffle.screening.application.port.in.CreateJobUseCase.CreateJobCommand;
import com.truffle.screening.application.port.in.CreateJobUseCase.QuestionInput;
import com.truffle.screening.application.port.out.AccountSettingsPort;
import com.truffle.screening.application.port.out.InvitationMailQueuePort;
import com.truffle.screening.application.port.out.LoadCandidatePort;
import com.truffle.screening.application.port.out.LoadJobPort;
import com.truffle.screening.application.port.out.LoadScreeningPort;
import com.truffle.screening.application.port.out.ProcessedCommandPort;
import com.truffle.screening.application.port.out.PublishScreeningEventPort;
import com.truffle.screening.application.port.out.SaveCandidatePort;
import com.truffle.screening.application.port.out.SaveJobPort;
import com.truffle.screening.application.port.out.SaveScreeningPort;
import com.truffle.screening.application.port.out.ScoreAnswersPort;
import com.truffle.screening.application.port.out.WebhookDeliveryPort;
import com.truffle.screening.application.port.out.WebhookPort;
import com.truffle.screening.domain.AccountSettings;
import com.truffle.screening.domain.Answer;
import com.truffle.screening.domain.Candidate;
import com.truffle.screening.domain.CandidateFilter;
import com.truffle.screening.domain.CandidateId;
import com.truffle.screening.domain.ClaimedDelivery;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.DeliveryAttempt;
import com.truffle.screening.domain.HiringPolicy;
import com.truffle.screening.domain.Job;
import com.truffle.screening.domain.JobFilter;
import com.truffle.screening.domain.JobId;
import com.truffle.screening.domain.KeywordScoring;
import com.truffle.screening.domain.Page;
import com.truffle.screening.domain.PendingMail;
import com.truffle.screening.domain.Question;
import com.truffle.screening.domain.QuestionScore;
import com.truffle.screening.domain.RetryPolicy;
import com.truffle.screening.domain.ScreenerToken;
import com.truffle.screening.domain.Screening;
import com.truffle.screening.domain.ScreeningEvent;
import com.truffle.screening.domain.ScreeningFilter;
import com.truffle.screening.domain.ScreeningId;
import com.truffle.screening.domain.ScreeningRuleViolation;
import com.truffle.screening.domain.ScreeningStatus;
import com.truffle.screening.domain.TestDeliveryLimit;
import com.truffle.screening.domain.Webhook;
import com.truffle.screening.domain.WebhookDelivery;
import com.truffle.screening.domain.WebhookId;
import io.smallrye.mutiny.Uni;

/**
 * In-memory fakes of the out-ports, for the use cases' plain JUnit tests. Jobs, candidates, screenings and webhooks
 * are kept as rows (copies), as the database keeps them: a change counts once it was saved. The clock can be moved.
 */
final class InMemoryPorts implements LoadJobPort, SaveJobPort, LoadCandidatePort, SaveCandidatePort, LoadScreeningPort,
        SaveScreeningPort, InvitationMailQueuePort, ProcessedCommandPort, PublishScreeningEventPort, ScoreAnswersPort,
        AccountSettingsPort, WebhookPort, WebhookDeliveryPort {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final Duration VALIDITY = Duration.ofDays(14);
    static final int MAX_WEBHOOKS = 20;
    static final HiringPolicy POLICY = new HiringPolicy(VALIDITY, "https://truffle.example",
            new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(30), 12),
            new RetryPolicy(Duration.ofSeconds(10), Duration.ofHours(1), 12), 36, true, MAX_WEBHOOKS);

    final MovableClock clock = new MovableClock(T0);
    final Map<JobId, Job> jobs = new LinkedHashMap<>();
    final Map<CandidateId, Candidate> candidates = new LinkedHashMap<>();
    final Map<ScreeningId, Screening> screenings = new LinkedHashMap<>();
    final List<ScreeningId> mailsQueued = new ArrayList<>();
    final Map<UUID, String> processedCommands = new LinkedHashMap<>();
    final List<ScreeningEvent> published = new ArrayList<>();
    final Map<CompanyId, AccountSettings> settings = new HashMap<>();
    final Map<WebhookId, Webhook> webhooks = new LinkedHashMap<>();
    final Set<WebhookId> deletedWebhooks = new HashSet<>();
    final Map<WebhookId, List<WebhookDelivery>> deliveries = new HashMap<>();
    int settingsSaves;

    /** The wired use cases, as CDI would make them. */
    JobService jobService() {
        JobService s = new JobService();
        s.load = this;
        s.save = this;
        s.events = this;
        s.clock = clock;
        return s;
    }

    CandidateService candidateService() {
        CandidateService s = new CandidateService();
        s.load = this;
        s.save = this;
        s.events = this;
        s.clock = clock;
        return s;
    }

    InvitationService invitationService() {
        InvitationService s = new InvitationService();
        s.candidates = this;
        s.jobs = this;
        s.invitations = invitations();
        return s;
    }

    ScreenerService screenerService() {
        ScreenerService s = new ScreenerService();
        s.load = this;
        s.save = this;
        s.scoring = this;
        s.events = this;
        s.settings = this;
        s.clock = clock;
        return s;
    }

    WebhookService webhookService() {
        WebhookService s = new WebhookService();
        s.webhooks = this;
        s.deliveries = this;
        s.policy = POLICY;
        s.testLimit = new TestDeliveryLimit(Duration.ofSeconds(10), 10, Duration.ofMinutes(1));
        s.clock = clock;
        return s;
    }

    AccountSettingsService accountSettingsService() {
        AccountSettingsService s = new AccountSettingsService();
        s.settings = this;
        return s;
    }

    AshbyCommandService ashbyCommandService() {
        AshbyCommandService s = new AshbyCommandService();
        s.processed = this;
        s.jobs = this;
        s.candidates = this;
        s.saveCandidate = this;
        s.screenings = this;
        s.saveScreening = this;
        s.events = this;
        s.invitations = invitations();
        s.clock = clock;
        return s;
    }

    private Invitations invitations() {
        Invitations i = new Invitations();
        i.load = this;
        i.save = this;
        i.events = this;
        i.mails = this;
        i.policy = POLICY;
        i.clock = clock;
        return i;
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            // the services only ever read instants; the same moving time, shown in another zone
            MovableClock outer = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return outer.withZone(other);
                }

                @Override
                public Instant instant() {
                    return outer.instant();
                }
            };
        }
    }

    /** The rule a refused call broke. */
    static ScreeningRuleViolation.Rule refusal(Runnable call) {
        return violation(call).rule();
    }

    static ScreeningRuleViolation violation(Runnable call) {
        try {
            call.run();
        } catch (ScreeningRuleViolation e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    /** What the invitation mail does to a screening: a fresh screener link, of which only the hash is kept. */
    String mailLink(ScreeningId screeningId) {
        String token = ScreenerToken.generate();
        Screening s = screenings.get(screeningId);
        s.issueToken(ScreenerToken.hash(token), clock.instant());
        screenings.put(screeningId, copy(s, s.version()));
        return token;
    }

    /** An open position with these questions (prompt, then its keywords), made by the use case. */
    Job openJob(CompanyId companyId, String title, List<QuestionInput> questions) {
        return jobService().create(new CreateJobCommand(companyId, title, null, questions, null)).await().indefinitely();
    }

    static QuestionInput question(String prompt, String... keywords) {
        return new QuestionInput(null, prompt, List.of(keywords));
    }

    Candidate candidate(CompanyId companyId, String firstName, String email) {
        return candidateService().add(new AddCandidateCommand(companyId, firstName, "Doe", email, null)).await().indefinitely();
    }

    <T extends ScreeningEvent> List<T> published(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    // jobs
    @Override
    public Uni<Optional<Job>> load(CompanyId companyId, JobId jobId) {
        return Uni.createFrom().item(Optional.ofNullable(jobs.get(jobId)).filter(j -> j.companyId().equals(companyId))
                .map(j -> copy(j, j.version())));
    }

    @Override
    public Uni<Page<Job>> page(JobFilter filter) {
        throw new UnsupportedOperationException("paging is the persistence adapter's");
    }

    @Override
    public Uni<Void> save(Job job) {
        jobs.put(job.id(), copy(job, job.version() + 1));
        return Uni.createFrom().voidItem();
    }

    // candidates
    @Override
    public Uni<Optional<Candidate>> load(CompanyId companyId, CandidateId candidateId) {
        return Uni.createFrom().item(Optional.ofNullable(candidates.get(candidateId)).filter(c -> c.companyId().equals(companyId))
                .map(c -> copy(c, c.version())));
    }

    @Override
    public Uni<Optional<Candidate>> byEmail(CompanyId companyId, String email) {
        return Uni.createFrom().item(candidates.values().stream()
                .filter(c -> c.companyId().equals(companyId) && c.email().equals(Candidate.normaliseEmail(email))).findFirst()
                .map(c -> copy(c, c.version())));
    }

    @Override
    public Uni<Page<Candidate>> page(CandidateFilter filter) {
        throw new UnsupportedOperationException("paging is the persistence adapter's");
    }

    /** As the unique index: one email per company. */
    @Override
    public Uni<Void> save(Candidate candidate) {
        boolean taken = candidates.values().stream().anyMatch(c -> c.companyId().equals(candidate.companyId())
                && c.email().equals(candidate.email()) && !c.id().equals(candidate.id()));
        if (taken) {
            return Uni.createFrom().failure(new ScreeningRuleViolation(ScreeningRuleViolation.Rule.EMAIL_TAKEN, "email",
                    "Another candidate of this company already has the email " + candidate.email() + "."));
        }
        candidates.put(candidate.id(), copy(candidate, candidate.version() + 1));
        return Uni.createFrom().voidItem();
    }

    // screenings
    @Override
    public Uni<Optional<Screening>> load(CompanyId companyId, ScreeningId screeningId) {
        return Uni.createFrom().item(Optional.ofNullable(screenings.get(screeningId)).filter(s -> s.companyId().equals(companyId))
                .map(s -> copy(s, s.version())));
    }

    @Override
    public Uni<Optional<Screening>> byTokenHash(String tokenHash, boolean lock) {
        return Uni.createFrom().item(screenings.values().stream().filter(s -> tokenHash.equals(s.tokenHash())).findFirst()
                .map(s -> copy(s, s.version())));
    }

    @Override
    public Uni<Optional<Screening>> byIdForUpdate(ScreeningId screeningId) {
        return Uni.createFrom().item(Optional.ofNullable(screenings.get(screeningId)).map(s -> copy(s, s.version())));
    }

    /** As the adapter: the open one when there is one, else the latest finished one. */
    @Override
    public Uni<Optional<Screening>> byCandidateAndJob(CompanyId companyId, CandidateId candidateId, JobId jobId) {
        return Uni.createFrom().item(screenings.values().stream()
                .filter(s -> s.companyId().equals(companyId) && s.candidateId().equals(candidateId) && s.jobId().equals(jobId))
                .sorted(Comparator.<Screening, Boolean>comparing(s -> s.status().isFinal())
                        .thenComparing(Screening::invitedAt, Comparator.reverseOrder()))
                .findFirst().map(s -> copy(s, s.version())));
    }

    @Override
    public Uni<Optional<Screening>> bySourceRef(CompanyId companyId, String sourceRef) {
        return Uni.createFrom().item(screenings.values().stream()
                .filter(s -> s.companyId().equals(companyId) && sourceRef.equals(s.sourceRef()))
                .max(Comparator.comparing(Screening::invitedAt)).map(s -> copy(s, s.version())));
    }

    @Override
    public Uni<Page<Screening>> page(ScreeningFilter filter) {
        throw new UnsupportedOperationException("paging is the persistence adapter's");
    }

    /** As the unique index: at most one open screening per candidate and position. */
    @Override
    public Uni<Void> save(Screening screening) {
        boolean anotherOpen = screenings.values().stream().anyMatch(s -> !s.id().equals(screening.id())
                && s.candidateId().equals(screening.candidateId()) && s.jobId().equals(screening.jobId()) && !s.status().isFinal());
        if (anotherOpen && !screening.status().isFinal()) {
            throw new IllegalStateException("a second open screening for the same candidate and position");
        }
        screenings.put(screening.id(), copy(screening, screening.version() + 1));
        return Uni.createFrom().voidItem();
    }

    // invitation mails: only enqueue is the use cases' (the mail worker does the rest)
    @Override
    public Uni<Void> enqueue(ScreeningId screeningId, CompanyId companyId, Instant now) {
        mailsQueued.add(screeningId);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Optional<PendingMail>> claimNext(Instant now) {
        throw new UnsupportedOperationException("the mail worker's");
    }

    @Override
    public Uni<Void> lease(PendingMail mail, Instant until) {
        throw new UnsupportedOperationException("the mail worker's");
    }

    @Override
    public Uni<Void> sent(PendingMail mail, Instant now) {
        throw new UnsupportedOperationException("the mail worker's");
    }

    @Override
    public Uni<Void> retryAt(PendingMail mail, Instant next, String error) {
        throw new UnsupportedOperationException("the mail worker's");
    }

    @Override
    public Uni<Void> failed(PendingMail mail, String error) {
        throw new UnsupportedOperationException("the mail worker's");
    }

    @Override
    public Uni<Void> skipped(PendingMail mail, String why) {
        throw new UnsupportedOperationException("the mail worker's");
    }

    // processed commands
    @Override
    public Uni<Boolean> firstTime(UUID commandId, CompanyId companyId, String commandType, Instant now) {
        return Uni.createFrom().item(processedCommands.putIfAbsent(commandId, "") == null);
    }

    @Override
    public Uni<Void> outcome(UUID commandId, String outcome) {
        processedCommands.put(commandId, outcome);
        return Uni.createFrom().voidItem();
    }

    // events
    @Override
    public Uni<Void> publish(List<? extends ScreeningEvent> events) {
        published.addAll(events);
        return Uni.createFrom().voidItem();
    }

    // scoring: the default adapter's
    @Override
    public Uni<List<QuestionScore>> score(List<Question> questions, List<Answer> answers) {
        return Uni.createFrom().item(() -> KeywordScoring.score(questions, answers));
    }

    // account settings
    @Override
    public Uni<AccountSettings> load(CompanyId companyId) {
        return Uni.createFrom().item(settings.getOrDefault(companyId, AccountSettings.defaults(companyId)));
    }

    @Override
    public Uni<Void> save(AccountSettings changed) {
        settingsSaves++;
        settings.put(changed.companyId(), changed);
        return Uni.createFrom().voidItem();
    }

    // webhooks
    @Override
    public Uni<Void> save(Webhook webhook) {
        webhooks.put(webhook.id(), copy(webhook));
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Optional<Webhook>> load(CompanyId companyId, WebhookId webhookId) {
        return Uni.createFrom().item(Optional.ofNullable(webhooks.get(webhookId))
                .filter(w -> w.companyId().equals(companyId) && !deletedWebhooks.contains(webhookId)).map(InMemoryPorts::copy));
    }

    @Override
    public Uni<Optional<Webhook>> lockAndLoad(WebhookId webhookId) {
        return Uni.createFrom().item(Optional.ofNullable(webhooks.get(webhookId)).filter(w -> !deletedWebhooks.contains(webhookId))
                .map(InMemoryPorts::copy));
    }

    @Override
    public Uni<List<Webhook>> list(CompanyId companyId) {
        return Uni.createFrom().item(webhooks.values().stream()
                .filter(w -> w.companyId().equals(companyId) && !deletedWebhooks.contains(w.id())).map(InMemoryPorts::copy).toList());
    }

    @Override
    public Uni<Long> count(CompanyId companyId) {
        return Uni.createFrom().item(webhooks.values().stream()
                .filter(w -> w.companyId().equals(companyId) && !deletedWebhooks.contains(w.id())).count());
    }

    @Override
    public Uni<ResealPass> resealSecrets(Optional<WebhookId> after, int max) {
        throw new UnsupportedOperationException("the rotation job's");
    }

    @Override
    public Uni<Boolean> delete(CompanyId companyId, WebhookId webhookId, Instant now) {
        Webhook w = webhooks.get(webhookId);
        boolean deleted = w != null && w.companyId().equals(companyId) && deletedWebhooks.add(webhookId);
        return Uni.createFrom().item(deleted);
    }

    // webhook deliveries: what the management use case touches (the delivery worker's side is not faked)
    /** A delivery of an event to the endpoint, waiting to be sent. */
    WebhookDelivery pendingDelivery(Webhook webhook, String eventType) {
        WebhookDelivery d = new WebhookDelivery(UUID.randomUUID(), webhook.id(), webhook.companyId(), UUID.randomUUID(), eventType,
                "{}", WebhookDelivery.Status.PENDING, 0, clock.instant(), null, null, clock.instant(), null);
        deliveries.computeIfAbsent(webhook.id(), k -> new ArrayList<>()).add(d);
        return d;
    }

    @Override
    public Uni<Void> abandonPending(WebhookId webhookId, String reason) {
        deliveries.getOrDefault(webhookId, List.of()).forEach(d -> d.abandon(reason));
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<List<DeliveryView>> recent(WebhookId webhookId, int limit) {
        return Uni.createFrom().item(deliveries.getOrDefault(webhookId, List.of()).stream().limit(limit)
                .map(d -> new DeliveryView(d, List.<DeliveryAttempt>of())).toList());
    }

    @Override
    public Uni<List<ClaimedDelivery>> claimDue(int max, int perCompany, Map<CompanyId, Integer> inFlight, Duration lease) {
        throw new UnsupportedOperationException("the delivery worker's");
    }

    @Override
    public Uni<Boolean> record(WebhookDelivery delivery, DeliveryAttempt attempt, Instant leasedUntil) {
        throw new UnsupportedOperationException("the delivery worker's and the test ping's (a Panache transaction)");
    }

    @Override
    public Uni<WebhookDelivery> createTest(Webhook webhook, Instant now) {
        throw new UnsupportedOperationException("the test ping's (a Panache transaction)");
    }

    @Override
    public Uni<List<TestDeliveryLimit.Sent>> lockRecentTests(CompanyId companyId, Instant since) {
        throw new UnsupportedOperationException("the test ping's (a Panache transaction)");
    }

    // copies, as a row read back would be
    private static Job copy(Job j, long version) {
        return new Job(j.id(), j.companyId(), j.title(), j.description(), j.status(), j.questions(), j.createdAt(), j.updatedAt(),
                version);
    }

    private static Candidate copy(Candidate c, long version) {
        return new Candidate(c.id(), c.companyId(), c.firstName(), c.lastName(), c.email(), c.phone(), c.externalId(), c.createdAt(),
                c.updatedAt(), version);
    }

    private static Screening copy(Screening s, long version) {
        return new Screening(s.id(), s.companyId(), s.candidateId(), s.jobId(), s.candidateEmail(), s.jobTitle(), s.questions(),
                s.status(), s.tokenHash(), s.sourceRef(), s.scores(), s.score(), s.invitedAt(), s.expiresAt(), s.startedAt(),
                s.completedAt(), s.cancelledAt(), s.cancelReason(), s.updatedAt(), version);
    }

    private static Webhook copy(Webhook w) {
        return new Webhook(w.id(), w.companyId(), w.url(), w.eventTypes(), w.description(), w.secret(), w.status(),
                w.consecutiveFailures(), w.createdAt(), w.disabledAt(), w.disabledReason());
    }

    /** The status of a stored screening. */
    ScreeningStatus status(ScreeningId id) {
        return screenings.get(id).status();
    }
}

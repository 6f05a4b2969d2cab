package com.truffle.reliability;

import static org.awaitility.Awaitility.await;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

import com.truffle.deploy.stack.LocalStack;
import com.truffle.deploy.stack.ashby.AshbySandbox;
import com.truffle.platform.testing.TestInfrastructure;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The fault suite's shared support: the one packaged platform every scenario in this JVM uses (five JVMs take a
 * while to start), the user steps as small verbs, a register of every secret the run handled (scenario 7 scans the
 * logs for each) and the one-line figures each scenario prints. Scenarios isolate themselves with fresh company ids.
 */
public final class Faults {

    private static LocalStack stack;
    private static DedicatedPostgres postgres;
    private static KafkaCluster cluster;
    private static final boolean CLUSTER_MODE = "cluster".equals(System.getProperty("reliability.kafka"));
    private static Path stackOutput;
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    /** The running stack (started on first use, stopped when the JVM ends). Its own output is also kept in a file. */
    public static synchronized LocalStack stack() {
        if (stack == null) {
            Path root = Path.of(System.getProperty("truffle.repo.root", "../..")).toAbsolutePath().normalize();
            try {
                Files.createDirectories(Path.of("target"));
                stackOutput = Path.of("target", "reliability-stack-output.log").toAbsolutePath();
                OutputStream file = new FileOutputStream(stackOutput.toFile(), false);
                PrintStream tee = new PrintStream(new TeeStream(System.out, file), true, StandardCharsets.UTF_8);
                LocalStack configured = LocalStack.forTests(root).readinessTimeout(Duration.ofSeconds(240)).output(tee);
                // the suite's own PostgreSQL server (scenario 2 stops it); -Dreliability.postgres=shared keeps the machine's
                if (!"shared".equals(System.getProperty("reliability.postgres"))) {
                    postgres = DedicatedPostgres.create().orElse(null);
                }
                if (postgres != null) {
                    configured.environment("PG_HOST", "127.0.0.1").environment("PG_PORT", String.valueOf(postgres.port()))
                            .environment("PG_USER", "postgres").environment("PG_PASSWORD", "");
                }
                // scenario 9 (-Dreliability.kafka=cluster, failsafe's kafka-cluster execution): three brokers in containers
                if (CLUSTER_MODE) {
                    Assumptions.assumeTrue(TestInfrastructure.containers(),
                            "scenario 9 runs its three Kafka brokers in containers: no Docker engine answers here");
                    cluster = KafkaCluster.start();
                    configured.environment("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers());
                }
                try {
                    stack = configured.start();
                } catch (RuntimeException e) {
                    if (cluster != null) {
                        cluster.close();
                        cluster = null;
                    }
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            DedicatedPostgres server = postgres;
            KafkaCluster brokers = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                if (server != null) {
                    server.close();
                }
                if (brokers != null) {
                    brokers.close();
                }
            }, "stack-stop"));
            RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
            secret(stack.secrets().keyPepper());
            secret(stack.secrets().ashbyEncryptionKey());
            secret(stack.secrets().screeningEncryptionKey());
            secret(stack.secrets().sessionSecret());
        }
        return stack;
    }

    /** Scenario 9's three-broker cluster, when this JVM runs against one ({@code -Dreliability.kafka=cluster}). */
    public static java.util.Optional<KafkaCluster> cluster() {
        stack();
        return java.util.Optional.ofNullable(cluster);
    }

    /** The suite's own PostgreSQL server, when the machine has PostgreSQL's binaries (scenario 2 needs it). */
    public static java.util.Optional<DedicatedPostgres> postgres() {
        stack();
        return java.util.Optional.ofNullable(postgres);
    }

    /** Where the stack's own progress output went (besides stdout). */
    public static Path stackOutput() {
        stack();
        return stackOutput;
    }

    // ------------------------------------------------------------------ secrets the run handled

    /** Remembers a secret the run was given or used: scenario 7 checks no log holds it. Returns it. */
    public static String secret(String value) {
        if (value != null && !value.isBlank()) {
            SECRETS.add(value);
        }
        return value;
    }

    public static Set<String> secrets() {
        return Set.copyOf(SECRETS);
    }

    // ------------------------------------------------------------------ requests

    public static RequestSpecification gateway() {
        return RestAssured.given(new RequestSpecBuilder().setBaseUri(stack().gatewayUrl()).build());
    }

    public static String staffToken() {
        return stack().mintToken("reviewer@truffle.dev", null, List.of("truffle-staff"));
    }

    public static String adminToken(String company) {
        return stack().mintToken("admin@" + company, company, List.of("company-admin"));
    }

    public static String newCompany() {
        return "rel-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String email() {
        return "cand+" + UUID.randomUUID() + "@example.com";
    }

    // ------------------------------------------------------------------ platform steps

    public static void setPlan(String company, String plan) {
        gateway().auth().oauth2(staffToken()).contentType(ContentType.JSON).body(Map.of("plan", plan))
                .put("/staff/companies/{id}/plan", company).then().statusCode(200);
    }

    /** Paid, requested, approved; a key can be created at once. */
    public static String approvedCompany() {
        String company = newCompany();
        setPlan(company, "PAID");
        String request = gateway().auth().oauth2(adminToken(company)).contentType(ContentType.JSON)
                .body(Map.of("use_case", "Fault suite")).post("/v1/api-access/requests")
                .then().statusCode(201).extract().path("id");
        gateway().auth().oauth2(staffToken()).contentType(ContentType.JSON).body("{}")
                .post("/staff/access-requests/{id}/approve", request).then().statusCode(200);
        return company;
    }

    /** A new key of {@code permission} (its secret registered); waits for the approval to reach key-service. */
    public static JsonPath createKey(String company, String permission) {
        var body = Map.of("name", permission + " key", "description", "fault suite", "permission", permission);
        String admin = adminToken(company);
        JsonPath[] created = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response r = gateway().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post("/v1/api-keys");
            if (r.statusCode() == 201) {
                created[0] = r.jsonPath();
                return true;
            }
            return false;
        });
        secret(created[0].getString("secret"));
        return created[0];
    }

    /** Waits until the gateway admits {@code secret} on GET /v1/jobs. */
    public static void awaitAdmitted(String secret) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                .until(() -> gateway().auth().oauth2(secret).get("/v1/jobs").statusCode() == 200);
    }

    public static void revoke(String company, String keyId) {
        gateway().auth().oauth2(adminToken(company)).delete("/v1/api-keys/{id}", keyId).then().statusCode(204);
    }

    /** Regenerates a key: the new secret (registered). */
    public static String regenerate(String company, String keyId) {
        return secret(gateway().auth().oauth2(adminToken(company)).post("/v1/api-keys/{id}/regenerate", keyId)
                .then().statusCode(200).extract().path("secret"));
    }

    // ------------------------------------------------------------------ Ashby steps

    public static AshbySandbox sandbox() {
        return stack().ashbySandbox();
    }

    /** Ashby calling Truffle: HTTP Basic with the partner key as username and an empty password. */
    public static RequestSpecification asAshby(String partnerKey) {
        return gateway().auth().preemptive().basic(partnerKey, "").contentType(ContentType.JSON);
    }

    /** A fresh sandbox key of Ashby's (registered). */
    public static String ashbyKey() {
        return secret("sandbox_" + UUID.randomUUID());
    }

    /** Connects the company to Ashby with {@code ashbyKey}: the partner key (registered). */
    public static String connect(String company, String ashbyKey) {
        return secret(gateway().auth().oauth2(adminToken(company)).contentType(ContentType.JSON)
                .body(Map.of("ashby_api_key", ashbyKey)).post("/v1/integrations/ashby/connect")
                .then().statusCode(200).extract().path("truffle_key"));
    }

    public static String card(String company) {
        return gateway().auth().oauth2(adminToken(company)).get("/v1/integrations/ashby").then().statusCode(200)
                .extract().path("status");
    }

    public static String job(String writeKey, String title) {
        return gateway().auth().oauth2(writeKey).contentType(ContentType.JSON).body(Map.of("title", title,
                        "description", "Screening for " + title,
                        "questions", List.of(Map.of("prompt", "Which languages do you write?", "keywords", List.of("java", "sql")))))
                .post("/v1/jobs").then().statusCode(201).extract().path("id");
    }

    /** Waits until Ashby's assessment.list offers the job. */
    public static void awaitListed(String partnerKey, String jobId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response r = asAshby(partnerKey).body("{}").post("/partners/ashby/assessment.list");
            return r.statusCode() == 200 && r.jsonPath().getList("results.assessment_type_id").contains(jobId);
        });
    }

    public static Map<String, Object> startBody(String jobId, String email, String applicationId) {
        return Map.of("assessment_type_id", jobId,
                "candidate", Map.of("ashby_id", UUID.randomUUID().toString(), "first_name", "Grace", "last_name", "Hopper",
                        "email", email, "ashby_profile_url", "https://app.ashbyhq.com/candidates/" + UUID.randomUUID()),
                "application", Map.of("ashby_id", applicationId, "status", "Active"),
                "job", Map.of("ashby_id", UUID.randomUUID().toString(), "name", "Engineer",
                        "ashby_job_url", "https://app.ashbyhq.com/jobs/1", "hiringTeam", List.of()));
    }

    /** Ashby starts an assessment: its id. */
    public static String start(String partnerKey, String jobId, String email) {
        return asAshby(partnerKey).body(startBody(jobId, email, UUID.randomUUID().toString()))
                .post("/partners/ashby/assessment.start").then().statusCode(200).extract().path("results.assessment_id");
    }

    private static final Pattern SCREENER_LINK = Pattern.compile("/screener/([A-Za-z0-9_-]{20,})");

    /** The screener token from the candidate's (last) mail (registered). */
    public static String screenerToken(String email) {
        var smtp = stack().smtpCatcher();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> !smtp.messagesTo(email).isEmpty());
        var mails = smtp.messagesTo(email);
        var mail = mails.get(mails.size() - 1);
        Matcher m = SCREENER_LINK.matcher(mail.text() + " " + mail.html());
        if (!m.find()) {
            throw new AssertionError("no screener link in the mail to " + email);
        }
        return secret(m.group(1));
    }

    /** The candidate opens the screener, starts and submits. */
    public static void candidateCompletes(String token) {
        String questionId = gateway().get("/screener/{t}", token).then().statusCode(200).extract().path("questions[0].id");
        gateway().post("/screener/{t}/start", token).then().statusCode(200);
        gateway().contentType(ContentType.JSON)
                .body(Map.of("answers", List.of(Map.of("question_id", questionId, "answer", "Java every day, SQL too"))))
                .post("/screener/{t}/submit", token).then().statusCode(200);
    }

    /** A screening completed through Ashby: its assessment id, and when the submit was answered. */
    public record Completed(String assessment, java.time.Instant submittedAt) {
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Ashby starts an assessment, the candidate gets the mail and completes the screener (plain HTTP, thread-safe). */
    public static Completed inviteAndComplete(String partnerKey, String jobId) throws Exception {
        String email = email();
        String body = JSON.writeValueAsString(startBody(jobId, email, java.util.UUID.randomUUID().toString()));
        String basic = java.util.Base64.getEncoder().encodeToString((partnerKey + ":").getBytes());
        Load.Answer start = Load.send(Load.request("/partners/ashby/assessment.start").header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        org.assertj.core.api.Assertions.assertThat(start.status()).as("assessment.start " + start.body()).isEqualTo(200);
        String assessment = JSON.readTree(start.body()).path("results").path("assessment_id").asText();
        String token = screenerToken(email);
        Load.Answer screener = Load.send(Load.request("/screener/" + token).header("Accept", "application/json").GET().build());
        org.assertj.core.api.Assertions.assertThat(screener.status()).as("screener " + screener.body()).isEqualTo(200);
        String question = JSON.readTree(screener.body()).path("questions").path(0).path("id").asText();
        Load.Answer go = Load.send(Load.request("/screener/" + token + "/start").POST(HttpRequest.BodyPublishers.noBody()).build());
        org.assertj.core.api.Assertions.assertThat(go.status()).as("screener start " + go.body()).isEqualTo(200);
        String answers = JSON.writeValueAsString(Map.of("answers", List.of(Map.of("question_id", question, "answer", "java and sql"))));
        Load.Answer submit = Load.send(Load.request("/screener/" + token + "/submit").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(answers)).build());
        org.assertj.core.api.Assertions.assertThat(submit.status()).as("screener submit " + submit.body()).isEqualTo(200);
        return new Completed(assessment, java.time.Instant.now());
    }

    // ------------------------------------------------------------------ figures

    /**
     * The scenario's one-line summary, printed to stdout and appended to target/reliability-figures.txt (RESULTS.md
     * is written from these by hand). {@code -1}: not applicable to this scenario.
     */
    public static void figures(String scenario, long sent, long committed, long published, long applied, long delivered,
                               long lost, long duplicated, Duration maxRecovery, String extra) {
        String line = String.format(Locale.ROOT,
                "FIGURES %s | sent %s | committed %s | published %s | applied %s | delivered %s | lost %d | duplicated %d"
                        + " | max recovery %s | %s",
                scenario, n(sent), n(committed), n(published), n(applied), n(delivered), lost, duplicated,
                maxRecovery == null ? "n/a" : String.format(Locale.ROOT, "%.1f s", maxRecovery.toMillis() / 1e3), extra);
        System.out.println(line);
        try {
            Files.writeString(Path.of("target", "reliability-figures.txt"), line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String n(long v) {
        return v < 0 ? "n/a" : String.valueOf(v);
    }

    /** Kills a service with SIGKILL (no shutdown hook, no clean close), as a crashed node would die. */
    public static void kill9(String module) {
        long pid = stack().pid(module);
        if (pid <= 0) {
            throw new IllegalStateException(module + " is not running");
        }
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        handle.onExit().join();
    }

    /** Writes to two streams (stdout and a file). */
    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }

    private Faults() {
    }
}

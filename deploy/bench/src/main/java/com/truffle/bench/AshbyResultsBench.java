package com.truffle.bench;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.truffle.deploy.stack.LocalStack;
import com.truffle.deploy.stack.ashby.AshbySandbox;

/**
 * A result reaching Ashby: the candidate submits through the gateway, screening-service scores and publishes
 * {@code ScreeningCompleted} through its outbox, the connector consumes it and posts {@code assessment.update} to the
 * Ashby sandbox. Measured one at a time on the whole local stack: the submit's own answer (the baseline, one HTTP
 * round trip through the gateway) and submit -> the sandbox accepted the result; printed with their ratio. This is
 * where the latency printouts of the functional tests went (issue 15); issue 17's load version (500 results per
 * second across 20 companies) builds on it. {@code deploy/bench/ashby-results.sh [trials]}.
 */
public final class AshbyResultsBench {

    private static final Pattern SCREENER_LINK = Pattern.compile("/screener/([A-Za-z0-9_-]{20,})");

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path root = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        try (LocalStack stack = LocalStack.forTests(root).readinessTimeout(Duration.ofSeconds(180))
                .serviceJvmOptions(BenchStack.JVM_OPTIONS).start()) {
            System.out.println(Machine.describe());
            StackCalls calls = new StackCalls(stack);
            Partner partner = Partner.connect(stack, calls);
            List<Double> submit = new ArrayList<>();
            List<Double> toAshby = new ArrayList<>();
            for (int t = 0; t < trials + 5; t++) {
                double[] one = partner.oneResult();
                if (t >= 5) { // the first few warm the JIT
                    submit.add(one[0]);
                    toAshby.add(one[1]);
                }
            }
            double[] s = Percentiles.sorted(submit);
            double[] a = Percentiles.sorted(toAshby);
            System.out.printf(Locale.ROOT, "%d results, one at a time; %s%n", trials, "services with " + String.join(" ",
                    BenchStack.JVM_OPTIONS));
            System.out.printf(Locale.ROOT, "submit answered (baseline):       p50 %6.1f ms  p99 %6.1f ms%n",
                    Percentiles.of(s, 50), Percentiles.of(s, 99));
            System.out.printf(Locale.ROOT, "submit -> Ashby accepted result:  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n",
                    Percentiles.of(a, 50), Percentiles.of(a, 99), a[a.length - 1]);
            System.out.printf(Locale.ROOT, "ratio to the baseline: p50 %.1f x, p99 %.1f x%n",
                    Percentiles.of(a, 50) / Percentiles.of(s, 50), Percentiles.of(a, 99) / Percentiles.of(s, 99));
        }
    }

    /** One company with a position, connected to the sandbox, seen from Ashby's side and the candidate's. */
    private record Partner(LocalStack stack, StackCalls calls, String basic, String jobId, HttpClient http) {

        static Partner connect(LocalStack stack, StackCalls calls) throws Exception {
            String company = calls.approvedCompany();
            String write = calls.createKey(company, "WRITE").path("secret").asText();
            JsonNode job = StackCalls.expect(calls.send("POST", "/v1/jobs", write, "{\"title\":\"Bench engineer\","
                    + "\"description\":\"results to Ashby\",\"questions\":[{\"prompt\":\"Which languages?\",\"keywords\":[\"java\"]}]}"), 201);
            JsonNode connected = StackCalls.expect(calls.send("POST", "/v1/integrations/ashby/connect", calls.adminToken(company),
                    "{\"ashby_api_key\":\"sandbox_" + UUID.randomUUID() + "\"}"), 200);
            String basic = "Basic " + Base64.getEncoder().encodeToString((connected.path("truffle_key").asText() + ":")
                    .getBytes(StandardCharsets.UTF_8));
            Partner p = new Partner(stack, calls, basic, job.path("id").asText(), HttpClient.newHttpClient());
            await("the position listed to Ashby").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> p.partner("assessment.list", "{}").body().contains(p.jobId));
            return p;
        }

        /** {submit answered ms, submit -> Ashby accepted ms} for one new candidate. */
        double[] oneResult() throws Exception {
            String email = "bench+" + UUID.randomUUID() + "@example.com";
            String start = "{\"assessment_type_id\":\"" + jobId + "\",\"candidate\":{\"ashby_id\":\"" + UUID.randomUUID()
                    + "\",\"first_name\":\"Grace\",\"last_name\":\"Hopper\",\"email\":\"" + email + "\"},\"application\":{\"ashby_id\":\""
                    + UUID.randomUUID() + "\"}}";
            String assessment = BenchStack.JSON.readTree(partner("assessment.start", start).body()).path("results")
                    .path("assessment_id").asText();
            String token = screenerToken(email);
            JsonNode screener = BenchStack.JSON.readTree(candidate("GET", token, "", null).body());
            String questionId = screener.path("questions").path(0).path("id").asText();
            candidate("POST", token, "/start", "{}");
            long t0 = System.nanoTime();
            HttpResponse<String> submitted = candidate("POST", token, "/submit",
                    "{\"answers\":[{\"question_id\":\"" + questionId + "\",\"answer\":\"java\"}]}");
            double answered = (System.nanoTime() - t0) / 1e6;
            if (submitted.statusCode() != 200) {
                throw new IllegalStateException("submit answered " + submitted.statusCode() + ": " + submitted.body());
            }
            AshbySandbox sandbox = stack.ashbySandbox();
            await("the result at Ashby").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                    .until(() -> sandbox.updates(assessment).stream().anyMatch(c -> c.outcome().equals("accepted")
                            && c.body().has("assessment_result")));
            return new double[] {answered, (System.nanoTime() - t0) / 1e6};
        }

        HttpResponse<String> partner(String endpoint, String body) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/partners/ashby/" + endpoint))
                    .header("Authorization", basic).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> candidate(String method, String token, String step, String body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/screener/" + token + step))
                    .header("Accept", "application/json");
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            return http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        String screenerToken(String email) {
            var smtp = stack.smtpCatcher();
            await("the invitation mail").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> !smtp.messagesTo(email).isEmpty());
            var mail = smtp.messagesTo(email).get(0);
            Matcher m = SCREENER_LINK.matcher(mail.text() + " " + mail.html());
            if (!m.find()) {
                throw new IllegalStateException("no screener link in the mail to " + email);
            }
            return m.group(1);
        }
    }

    private AshbyResultsBench() {
    }
}

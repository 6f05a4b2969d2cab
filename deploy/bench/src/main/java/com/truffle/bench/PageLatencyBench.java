package com.truffle.bench;

import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.truffle.deploy.stack.LocalStack;

/**
 * How fast the pages answer at the gateway (issue 10: goal p50 ≤ 50 ms on the local stack): the whole stack, a
 * company admin and a staff member signed in through the dev provider's code flow (real session cookies), data on
 * every page (an approved company with keys, a completed screening), then each page requested {@code n} times in
 * a row after a warm-up, as one person clicking would. Prints p50/p90/p99 per page; asserts nothing.
 */
public final class PageLatencyBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path root = Path.of(args.length > 1 ? args[1] : "../..").toAbsolutePath().normalize();
        List<String> jvm = BenchStack.JVM_OPTIONS;
        try (LocalStack stack = LocalStack.forTests(root).readinessTimeout(Duration.ofSeconds(180)).serviceJvmOptions(jvm).start()) {
            String gw = stack.gatewayUrl();
            Fixture f = new Fixture(stack);
            String company = f.approvedCompanyWithAScreening();
            HttpClient admin = f.signedIn("admin@" + company + ".test", company, "company-admin");
            HttpClient staff = f.signedIn("rita@truffle.test", null, "truffle-staff");
            HttpClient anonymous = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            Map<String, HttpClient> pages = new LinkedHashMap<>();
            pages.put("/settings/integrations", admin);
            pages.put("/settings/integrations/api-access", admin);
            pages.put("/settings/api-keys", admin);
            pages.put("/settings/api-keys/new", admin);
            pages.put("/settings/account", admin);
            pages.put("/screenings/" + f.screeningId, admin);
            pages.put("/screener/" + f.token, anonymous);
            pages.put("/staff/review", staff);
            pages.put("/staff/review/companies/" + company, staff);

            System.out.println("Pages at the gateway, " + n + " sequential GETs each after " + (n / 3) + " warm-up, "
                    + "services " + String.join(" ", jvm) + "; " + Machine.describe());
            System.out.println();
            System.out.println("| page | status | p50 | p90 | p99 | goal p50 ≤ 50 ms |");
            System.out.println("|---|---|---|---|---|---|");
            List<Double> allP50 = new ArrayList<>();
            for (Map.Entry<String, HttpClient> page : pages.entrySet()) {
                URI uri = URI.create(gw + page.getKey());
                int status = 0;
                for (int i = 0; i < n / 3; i++) {
                    status = get(page.getValue(), uri).statusCode();
                }
                List<Double> ms = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    status = get(page.getValue(), uri).statusCode();
                    ms.add((System.nanoTime() - t0) / 1e6);
                }
                double[] sorted = Percentiles.sorted(ms);
                double p50 = Percentiles.of(sorted, 50);
                allP50.add(p50);
                String shown = page.getKey().replaceAll("[0-9a-f-]{36}|[A-Za-z0-9_-]{43}", "{id}").replaceAll("bench-[0-9a-f]{8}", "{company}");
                System.out.printf("| %s | %d | %.2f ms | %.2f ms | %.2f ms | %s |%n", shown, status, p50,
                        Percentiles.of(sorted, 90), Percentiles.of(sorted, 99), p50 <= 50 ? "met" : "NOT met");
            }
            System.out.printf("%nslowest page p50: %.2f ms (goal ≤ 50 ms)%n", allP50.stream().mapToDouble(d -> d).max().orElse(0));
        }
    }

    private static HttpResponse<Void> get(HttpClient client, URI uri) throws Exception {
        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(uri + " answered " + r.statusCode());
        }
        return r;
    }

    /** The data the pages show, made through the gateway like a user would. */
    private static final class Fixture {
        private final LocalStack stack;
        private final StackCalls calls;
        String screeningId;
        String token;

        Fixture(LocalStack stack) {
            this.stack = stack;
            this.calls = new StackCalls(stack);
        }

        String approvedCompanyWithAScreening() throws Exception {
            String company = calls.approvedCompany();
            String write = calls.createKey(company, "WRITE").path("secret").asText();
            String jobBody = "{\"title\":\"Backend engineer\",\"description\":\"Java\",\"questions\":[{\"prompt\":\"Which languages?\","
                    + "\"keywords\":[\"java\",\"sql\"]},{\"prompt\":\"How do you test?\",\"keywords\":[\"unit\",\"integration\"]}]}";
            String job = StackCalls.expect(calls.send("POST", "/v1/jobs", write, jobBody), 201).path("id").asText();
            String email = "bench-" + System.nanoTime() + "@example.com";
            String candidate = StackCalls.expect(calls.send("POST", "/v1/candidates", write,
                    "{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"email\":\"" + email + "\"}"), 201).path("id").asText();
            screeningId = StackCalls.expect(calls.send("POST", "/v1/candidates/" + candidate + "/invitations", write,
                    "{\"job_id\":\"" + job + "\"}"), 201).path("screening_id").asText();
            token = await().atMost(Duration.ofSeconds(30)).until(() -> {
                Matcher m = Pattern.compile("/screener/([A-Za-z0-9_-]{43})").matcher(stack.smtpCatcher().messagesTo(email).stream()
                        .map(msg -> msg.text()).reduce("", String::concat));
                return m.find() ? m.group(1) : null;
            }, t -> t != null);
            return company;
        }

        /** A client holding the session cookie of this person, signed in through the dev provider's code flow. */
        HttpClient signedIn(String email, String company, String role) throws Exception {
            CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<Void> login = client.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/login")).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
            StringJoiner form = new StringJoiner("&");
            for (String pair : authorize.getRawQuery().split("&")) {
                form.add(pair);
            }
            form.add("email=" + enc(email)).add("name=Bench").add("role=" + role);
            if (company != null) {
                form.add("company=" + enc(company));
            }
            HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create(stack.idpUrl() + "/authorize"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                    .build(), HttpResponse.BodyHandlers.discarding());
            URI callback = URI.create(answer.headers().firstValue("Location").orElseThrow());
            HttpResponse<Void> done = client.send(HttpRequest.newBuilder(callback).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (done.statusCode() != 302) {
                throw new IllegalStateException("sign-in answered " + done.statusCode());
            }
            return client;
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    private PageLatencyBench() {
    }
}

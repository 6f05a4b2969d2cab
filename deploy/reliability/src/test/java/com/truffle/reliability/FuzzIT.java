package com.truffle.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Scenario 6: bad input at volume. jqwik's generators make, per public route, malformed and truncated JSON, bodies of
 * the wrong shape and types, huge and unicode strings, odd headers (content types, Accept, extra headers) and query
 * strings, and truncated or mangled credentials; each is sent to the gateway of the running stack. Every answer must
 * be below 500, every 4xx in the route's error format (problem+json on the API and the screener; Ashby's
 * {@code {"success":false,…}} envelope on /partners/ashby/*; a page for a browser that asked for one on the screener),
 * no write route may accept a generated input, and the service databases (row counts + checksums) must be unchanged.
 *
 * <p>Tries per route: {@code -Dreliability.fuzz.tries} (default 1,500, about 15,000 inputs in all; the issue's bar of
 * 10,000 per route is {@code -Dreliability.fuzz.tries=10000}, some 10 minutes on a 2-core machine).
 */
@Order(50)
class FuzzIT {

    static final int TRIES = Integer.getInteger("reliability.fuzz.tries", 1500);
    static final int THREADS = 4;
    static final ObjectMapper JSON = new ObjectMapper();
    static final java.util.concurrent.atomic.LongAdder URI_TOO_LONG_WITHOUT_BODY = new java.util.concurrent.atomic.LongAdder();
    static final java.util.concurrent.atomic.LongAdder RESENT_AFTER_CLOSED_CONNECTION = new java.util.concurrent.atomic.LongAdder();

    /** One generated request. */
    record Input(String method, String path, String query, String body, Map<String, String> headers, boolean mangled) {
        String describe() {
            String b = body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…(" + body.length() + " chars)" : body;
            String q = query.length() > 200 ? query.substring(0, 200) + "…(" + query.length() + " chars)" : query;
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.computeIfPresent("Authorization", (k, v) -> v.length() > 12 ? v.substring(0, 12) + "…" : v);
            return method + " " + path + (q.isEmpty() ? "" : "?" + q) + " headers " + h + " body " + b;
        }
    }

    /** A public route family: how inputs for it are made, and whether every one of them must be refused. */
    record Route(String name, boolean mustRefuse, Arbitrary<Input> inputs) {
    }

    /** The credential headers of a request, and whether they were mangled (then they must be refused). */
    record Auth(Map<String, String> headers, boolean mangled) {
    }

    @Test
    void badInputIsRefusedCleanlyAndWritesNothing() throws Exception {
        String company = Faults.approvedCompany();
        String read = Faults.createKey(company, "READ").getString("secret");
        String write = Faults.createKey(company, "WRITE").getString("secret");
        String admin = Faults.adminToken(company);
        String jobId = Faults.job(write, "Fuzzed");
        String partnerKey = Faults.connect(company, Faults.ashbyKey());
        Faults.awaitListed(partnerKey, jobId);
        String email = Faults.email();
        Faults.start(partnerKey, jobId, email);
        String token = Faults.screenerToken(email);
        Faults.awaitAdmitted(read);
        Faults.awaitAdmitted(write);

        List<Route> routes = routes(read, write, admin, partnerKey, token, jobId);
        Map<String, String> before = DatabaseSnapshot.settled(30);

        long t0 = System.nanoTime();
        Load.Tally tally = new Load.Tally();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long sent = 0;
        for (Route route : routes) {
            List<Input> inputs = route.inputs().sampleStream().limit(TRIES).collect(Collectors.toList());
            for (Input in : inputs) {
                sent++;
                pool.submit(() -> {
                    try {
                        check(route, in, tally, violations);
                    } catch (RuntimeException e) {
                        tally.add(route.name(), -2);
                        violations.add(route.name() + ": " + e + " for " + in.describe());
                    }
                });
            }
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(15, TimeUnit.MINUTES)).isTrue();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, String> after = DatabaseSnapshot.settled(30);

        System.out.println("scenario 6 answers by route -> status: " + tally);
        List<String> changed = before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k)))
                .map(k -> k + " " + before.get(k) + " -> " + after.get(k)).collect(Collectors.toList());
        after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(k -> changed.add(k + " new"));
        long serverErrors = tally.all(s -> s >= 500 || s < 0);
        long refused = tally.all(s -> s >= 400 && s < 500);
        Faults.figures("6 fuzzing", sent, -1, -1, -1, -1, 0, 0, null, String.format(Locale.ROOT,
                "%d routes x %d jqwik inputs in %.0f s (%.0f/s): 4xx %d (F1 414 without a body %d; F4 resent after a silently"
                        + " closed connection %d),"
                        + " 2xx %d, >=500 or none %d, violations %d;"
                        + " %d tables (%d rows) unchanged: %s", routes.size(), TRIES, seconds, sent / seconds, refused, URI_TOO_LONG_WITHOUT_BODY.sum(), RESENT_AFTER_CLOSED_CONNECTION.sum(),
                tally.all(s -> s >= 200 && s < 300), serverErrors, violations.size(), before.size(),
                DatabaseSnapshot.rows(before), changed.isEmpty()));
        if (!violations.isEmpty()) {
            java.nio.file.Path file = java.nio.file.Path.of("target", "fuzz-violations.txt");
            java.nio.file.Files.write(file, String.join(System.lineSeparator(), violations).getBytes(StandardCharsets.UTF_8));
            Map<String, Long> kinds = violations.stream().collect(Collectors.groupingBy(v -> v.substring(0, v.indexOf(" for ")),
                    java.util.TreeMap::new, Collectors.counting()));
            System.out.println("scenario 6 violations by kind (all in " + file + "):");
            kinds.forEach((k, n) -> System.out.println("  " + n + " x " + k));
        }

        assertThat(tally.all(s -> true)).isEqualTo(sent);
        assertThat(violations).as("answers >= 500, in the wrong format, or writes accepted").isEmpty();
        assertThat(changed).as("tables changed by refused requests").isEmpty();
    }

    static void check(Route route, Input in, Load.Tally tally, ConcurrentLinkedQueue<String> violations) {
        HttpRequest.Builder b = Load.request(in.path() + (in.query().isEmpty() ? "" : "?" + in.query()));
        in.headers().forEach(b::header);
        b.method(in.method(), in.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(in.body(), StandardCharsets.UTF_8));
        HttpRequest request;
        try {
            request = b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the generator made a request Java cannot send: " + in.describe(), e);
        }
        Load.Answer a = Load.send(request);
        if (a.status() < 0 && a.error() != null && a.error().contains("received no bytes")) {
            // KNOWN FINDING F4 (RESULTS.md): the gateway closed the kept-alive connection after its previous answer
            // without saying so (no Connection: close), so this request got no byte back. Sent once more.
            RESENT_AFTER_CLOSED_CONNECTION.increment();
            a = Load.send(request);
        }
        tally.add(route.name(), a.status());
        boolean partner = in.path().startsWith("/partners/ashby/");
        String problem = null;
        if (a.isServerError()) {
            problem = "HTTP " + a.status() + (a.error() == null ? "" : " " + a.error());
        } else if (a.status() == 414 && a.contentType().isEmpty()) {
            // KNOWN FINDING F1 (RESULTS.md), what is left of it: beyond the gateway's raised request-line limit Vert.x
            // still refuses 414 before any route runs, without a body. Counted apart; the refusal itself is right.
            URI_TOO_LONG_WITHOUT_BODY.increment();
        } else if (a.status() >= 400) {
            String wrong = formatProblem(in, a);
            problem = wrong == null ? null : "HTTP " + a.status() + " " + wrong;
        } else if ((route.mustRefuse() || in.mangled()) && a.status() >= 200 && a.status() < 300
                // Ashby's convention: a refused call may be HTTP 200 with {"success":false,...}
                && !(partner && a.body().contains("\"success\":false"))) {
            problem = (in.mangled() ? "a mangled credential was admitted" : "a generated input was accepted") + ": HTTP " + a.status();
        }
        if (problem != null) {
            violations.add(route.name() + ": " + problem + " for " + in.describe() + " -> "
                    + (a.body().length() > 300 ? a.body().substring(0, 300) : a.body()));
        }
    }

    /** null when the 4xx is in the route's format. */
    static String formatProblem(Input in, Load.Answer a) {
        String type = a.contentType().toLowerCase(Locale.ROOT);
        if (in.path().startsWith("/partners/ashby/")) {
            boolean envelope = a.body().contains("\"success\":false");
            // assessment.start's own refusals (409 already assessed, 422 cannot start) are {"message": ...} in Ashby's spec
            boolean startMessage = in.path().endsWith("/assessment.start") && (a.status() == 409 || a.status() == 422)
                    && a.body().startsWith("{\"message\":");
            return type.startsWith("application/json") && (envelope || startMessage) ? null
                    : "not Ashby's envelope: '" + a.contentType() + "'";
        }
        if (type.startsWith("application/problem+json")) {
            return null;
        }
        String accept = in.headers().getOrDefault("Accept", "");
        // the screener is a page too: a page when the browser asked for one, and its form post (POST /screener/{token})
        // is a browser route whatever it accepts
        boolean formPost = in.method().equals("POST") && in.path().startsWith("/screener/")
                && !in.path().endsWith("/start") && !in.path().endsWith("/submit");
        if (in.path().startsWith("/screener/") && (accept.contains("text/html") || formPost) && type.startsWith("text/html")) {
            return null;
        }
        return "as '" + a.contentType() + "'";
    }

    // ------------------------------------------------------------------ generators

    static List<Route> routes(String read, String write, String admin, String partnerKey, String token, String jobId) {
        List<Route> routes = new ArrayList<>();
        routes.add(new Route("GET /v1/jobs", false, get("/v1/jobs", read)));
        routes.add(new Route("POST /v1/jobs", true, post("/v1/jobs", bearer(write),
                Map.of("title", text(), "description", text(), "questions", anyJson()), "title")));
        routes.add(new Route("GET /v1/candidates", false, get("/v1/candidates", read)));
        routes.add(new Route("POST /v1/candidates", true, post("/v1/candidates", bearer(write),
                Map.of("first_name", text(), "last_name", text(), "email", text()), "email")));
        routes.add(new Route("POST /v1/api-keys", true, post("/v1/api-keys", bearer(admin),
                Map.of("name", text(), "description", text(), "permission", text()), "permission")));
        routes.add(new Route("POST /v1/api-access/requests", true, post("/v1/api-access/requests", bearer(admin),
                Map.of("use_case", text()), "use_case")));
        routes.add(new Route("POST /partners/ashby/assessment.start", true, post("/partners/ashby/assessment.start",
                basic(partnerKey), Map.of("assessment_type_id", Arbitraries.of(jobId), "candidate", anyJson(),
                        "application", anyJson(), "job", anyJson()), "candidate")));
        routes.add(new Route("POST /partners/ashby/assessment.cancel", true, post("/partners/ashby/assessment.cancel",
                basic(partnerKey), Map.of("assessment_id", text()), "assessment_id")));
        routes.add(new Route("/screener/{token}", true, screener(token)));
        routes.add(new Route("credentials on GET /v1/jobs", true, credentials(read)));
        return routes;
    }

    /** Strings a user can type, and those no form would send: huge, unicode of every plane, control characters. */
    static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.strings().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().all().ofMaxLength(60)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(20)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMinLength(5_000).ofMaxLength(70_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", " ", "null", "🦀🦀", "\uD800", "ǅ", "'; drop table api_key; --",
                        "%00", "../../etc/passwd", "<script>alert(1)</script>", "READ", "ADMIN", "read")));
    }

    /** Any JSON value, as a Java object Jackson writes. */
    static Arbitrary<Object> anyJson() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(text().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d), Arbitraries.of(true, false).map(x -> (Object) x))
                .injectNull(0.1);
        Arbitrary<Object> list = scalar.list().ofMaxSize(5).map(l -> (Object) l);
        Arbitrary<Object> map = Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(12), scalar).ofMaxSize(5)
                .map(m -> (Object) m);
        return Arbitraries.oneOf(scalar, list, map);
    }

    /** A value no field of a string-typed DTO can take: an object or an array, or null / missing. */
    static Arbitrary<Object> notAString() {
        return Arbitraries.oneOf(Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(8), Arbitraries.integers())
                        .ofMaxSize(3).map(m -> (Object) m),
                Arbitraries.integers().list().ofMaxSize(3).map(l -> (Object) l)).injectNull(0.3);
    }

    /** The request's headers: its credential (maybe mangled), and odd content types, Accept values and extras. */
    static Arbitrary<Auth> headers(Arbitrary<Auth> auth, boolean json) {
        Arbitrary<String> contentType = Arbitraries.of("application/json", "application/json; charset=utf-8",
                "application/json; charset=latin1", "text/plain", "application/x-www-form-urlencoded", "application/xml",
                "multipart/form-data; boundary=x", "*/*", "application/json;;;", "", "\u00e9t\u00e9/json");
        Arbitrary<String> accept = Arbitraries.of("application/json", "application/problem+json", "text/html", "*/*",
                "image/png", "text/html;q=0.9, application/json;q=0.1", "", "application/xml");
        Arbitrary<String> odd = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300);
        return Combinators.combine(auth, contentType, accept, odd, Arbitraries.integers().between(0, 9)).as((a, c, acc, o, pick) -> {
            Map<String, String> h = new LinkedHashMap<>(a.headers());
            if (json && pick != 0) {
                h.put("Content-Type", c);
            }
            if (pick % 3 == 0) {
                h.put("Accept", acc);
            }
            if (pick % 4 == 1) {
                h.put("X-Fuzz", o);
            }
            if (pick == 5) {
                h.put("X-Forwarded-For", o);
            }
            if (pick == 7) {
                h.put("Idempotency-Key", o);
            }
            return new Auth(h, a.mangled());
        });
    }

    static Arbitrary<Auth> bearer(String credential) {
        return mangled(credential, "Bearer ");
    }

    static Arbitrary<Auth> basic(String partnerKey) {
        return mangled(partnerKey, null);
    }

    /**
     * The route's credential, one time in ten mangled: truncated, cut, case flipped, wrong scheme, doubled, or gone.
     * A mangled credential must be refused (401/403), never admitted.
     */
    static Arbitrary<Auth> mangled(String credential, String scheme) {
        Function<String, Map<String, String>> auth = c -> Map.of("Authorization",
                scheme != null ? scheme + c : "Basic " + java.util.Base64.getEncoder().encodeToString((c + ":").getBytes(StandardCharsets.UTF_8)));
        Arbitrary<Auth> ok = Arbitraries.just(new Auth(auth.apply(credential), false));
        Arbitrary<Map<String, String>> bad = Arbitraries.oneOf(
                Arbitraries.integers().between(0, credential.length() - 1).map(n -> auth.apply(credential.substring(0, n)
                        + (credential.charAt(n) == 'x' ? 'y' : 'x'))),
                Arbitraries.integers().between(1, credential.length() - 1).map(n -> auth.apply(credential.substring(n))),
                Arbitraries.just(auth.apply(credential.toUpperCase(Locale.ROOT))),
                Arbitraries.just(auth.apply(credential + credential)),
                Arbitraries.just(Map.of("Authorization", "Token " + credential)),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200).map(s -> Map.of("Authorization", s)),
                Arbitraries.just(Map.<String, String>of()));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, ok),
                net.jqwik.api.Tuple.of(1, bad.map(h -> new Auth(h, true))));
    }

    /** A query string of odd names and values, percent-encoded so Java sends it; and a few raw odd ones. */
    static Arbitrary<String> query() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("limit", "cursor", "status", "candidate_email", "job_id",
                "page", "sort", "limit[]", "q"), Arbitraries.strings().all().ofMaxLength(20));
        Arbitrary<String> value = Arbitraries.oneOf(text(), Arbitraries.of("-1", "0", "99999999999999999999", "1e9", "NaN",
                "abc", "%", "%zz", "true"), Arbitraries.integers().map(String::valueOf));
        Arbitrary<String> pair = Combinators.combine(name, value).as((n, v) -> enc(n) + "=" + enc(v));
        return Arbitraries.oneOf(pair.list().ofMaxSize(4).map(l -> String.join("&", l)),
                Arbitraries.of("", "&&&", "=", "limit", "limit=1&limit=2", "%25%00", "a=%E2%82", "a=%FF%FE"));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Arbitrary<Input> get(String path, String readKey) {
        return Combinators.combine(query(), headers(bearer(readKey), false))
                .as((q, h) -> new Input("GET", path, q, null, h.headers(), h.mangled()));
    }

    /**
     * Bodies a write route must refuse: not JSON, truncated JSON, JSON that is not an object, and objects of the
     * route's own fields (of any type) in which {@code required} is missing or not a string.
     */
    static Arbitrary<Input> post(String path, Arbitrary<Auth> auth, Map<String, Arbitrary<?>> fields, String required) {
        List<Arbitrary<Object>> values = new ArrayList<>();
        List<String> names = new ArrayList<>(fields.keySet());
        for (String n : names) {
            Arbitrary<?> real = fields.get(n);
            values.add(n.equals(required) ? notAString() : Arbitraries.oneOf(real.map(v -> (Object) v), anyJson()));
        }
        Arbitrary<String> shaped = Combinators.combine(values).as(vs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                if (!names.get(i).equals(required) || vs.get(i) != null) {
                    m.put(names.get(i), vs.get(i));
                }
            }
            return write(m);
        });
        Arbitrary<String> truncated = Combinators.combine(shaped, Arbitraries.doubles().between(0, 0.99))
                .as((s, f) -> s.substring(0, (int) (s.length() * f)));
        Arbitrary<String> notObject = anyJson().filter(v -> !(v instanceof Map)).map(FuzzIT::write);
        Arbitrary<String> garbage = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> body = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, shaped), net.jqwik.api.Tuple.of(2, truncated),
                net.jqwik.api.Tuple.of(1, notObject), net.jqwik.api.Tuple.of(2, garbage));
        return Combinators.combine(body, headers(auth, true), query().injectNull(0.8))
                .as((b, h, q) -> new Input("POST", path, q == null ? "" : q, b, h.headers(), h.mangled()));
    }

    /** The screener: real, truncated, mangled and invented tokens; its steps with bad bodies. */
    static Arbitrary<Input> screener(String token) {
        Arbitrary<String> tokens = Arbitraries.oneOf(
                Arbitraries.integers().between(1, token.length() - 1).map(n -> token.substring(0, n)),
                Arbitraries.just(token + "A"),
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
                        .ofMinLength(1).ofMaxLength(120),
                // F5's regression (RESULTS.md): tokens holding an encoded '?' (also from a lone surrogate) included
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40).map(FuzzIT::enc),
                Arbitraries.just(UUID.randomUUID().toString()));
        Arbitrary<String> step = Arbitraries.of("", "/start", "/submit");
        Arbitrary<String> body = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(200),
                anyJson().map(FuzzIT::write)).injectNull(0.2);
        Arbitrary<String> method = Arbitraries.of("GET", "POST");
        return Combinators.combine(tokens, step, body, method, headers(Arbitraries.just(new Auth(Map.of(), false)), true))
                .as((t, s, b, m, h) -> m.equals("GET") && s.isEmpty()
                        ? new Input("GET", "/screener/" + t, "", null, h.headers(), false)
                        : new Input("POST", "/screener/" + t + s, "", b == null ? "" : b, h.headers(), false));
    }

    /** Only bad credentials on a read route: every one must be refused. */
    static Arbitrary<Input> credentials(String readKey) {
        Arbitrary<Map<String, String>> bad = Arbitraries.oneOf(
                Arbitraries.integers().between(0, readKey.length() - 1).map(n -> Map.of("Authorization", "Bearer " + readKey.substring(0, n))),
                Arbitraries.integers().between(0, readKey.length() - 1).map(n -> Map.of("Authorization", "Bearer "
                        + readKey.substring(0, n) + (readKey.charAt(n) == 'q' ? 'Q' : 'q') + readKey.substring(Math.min(readKey.length(), n + 1)))),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(400).map(s -> Map.of("Authorization", s)),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(80).map(s -> Map.of("Authorization", "Bearer " + s)),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(80).map(s -> Map.of("Authorization", "Basic " + s)),
                Arbitraries.just(Map.of("Authorization", "Bearer " + readKey.replace("trf_live_", "trf_test_"))));
        return Combinators.combine(bad, query()).as((h, q) -> new Input("GET", "/v1/jobs", q, null, h, true));
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package com.truffle.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.truffle.deploy.stack.LocalStack;

/** The steps of staff and a company admin through the gateway of a running stack: approved access, keys. */
final class StackCalls {

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String staffToken;

    StackCalls(LocalStack stack) {
        this.stack = stack;
        this.staffToken = stack.mintToken("bench-staff", null, List.of("truffle-staff"));
    }

    String adminToken(String company) {
        return stack.mintToken("admin@" + company, company, List.of("company-admin"));
    }

    /** Paid, access requested and approved, and key-service knows it (a key can be created). */
    String approvedCompany() throws Exception {
        String company = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        expect(send("PUT", "/staff/companies/" + company + "/plan", staffToken, "{\"plan\":\"PAID\"}"), 200);
        JsonNode request = expect(send("POST", "/v1/api-access/requests", adminToken(company), "{\"use_case\":\"benchmark\"}"), 201);
        expect(send("POST", "/staff/access-requests/" + request.path("id").asText() + "/approve", staffToken, "{}"), 200);
        return company;
    }

    /** A new key: {@code {"id","secret",…}}; retried while AccessApproved travels to key-service. */
    JsonNode createKey(String company, String permission) {
        String body = "{\"name\":\"bench " + permission + "\",\"description\":\"benchmark\",\"permission\":\"" + permission + "\"}";
        HttpResponse<String> created = await("a key for " + company).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> send("POST", "/v1/api-keys", adminToken(company), body), r -> r.statusCode() == 201);
        try {
            return BenchStack.JSON.readTree(created.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> send(String method, String path, String bearer, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode expect(HttpResponse<String> r, int status) throws IOException {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " answered " + r.statusCode()
                    + " (expected " + status + "): " + r.body());
        }
        return r.body() == null || r.body().isBlank() ? BenchStack.JSON.createObjectNode() : BenchStack.JSON.readTree(r.body());
    }
}

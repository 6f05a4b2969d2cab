package com.truffle.screening.adapter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.truffle.platform.testing.TruffleServiceTestResource;
import com.truffle.screening.support.Api;
import com.truffle.screening.support.GreenMailResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
@WithTestResource(GreenMailResource.class)
class CandidatePaginationTest {

    @Test
    void everyPreExistingCandidateIsSeenExactlyOnceWhileNewOnesAreAdded() throws Exception {
        Api api = new Api();
        Set<String> existing = new LinkedHashSet<>();
        for (int i = 0; i < 250; i++) {
            existing.add(api.createCandidate("pre-" + i + "-" + api.company + "@example.com"));
        }

        AtomicBoolean walking = new AtomicBoolean(true);
        AtomicInteger added = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            while (walking.get() && added.get() < 2000) {
                api.createCandidate("new-" + added.incrementAndGet() + "-" + api.company + "@example.com");
            }
        });

        Map<String, Integer> seen = new HashMap<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(api.read).queryParam("limit", 50);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/candidates").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("data.id");
            pageSizes.add(ids.size());
            ids.forEach(id -> seen.merge(id, 1, Integer::sum));
            cursor = page.getString("next_cursor");
            pages++;
            // interleave for sure: at least one more candidate is added between any two pages
            int addedSoFar = added.get();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> added.get() > addedSoFar);
        } while (cursor != null && pages < 100);
        walking.set(false);
        writer.get(60, TimeUnit.SECONDS);

        assertThat(added.get()).as("candidates were added between every two pages").isGreaterThanOrEqualTo(pages);
        assertThat(seen.keySet()).containsAll(existing);
        assertThat(seen.values()).as("no candidate is returned twice").allMatch(n -> n == 1);
        assertThat(pageSizes.subList(0, 5)).containsOnly(50);
    }

    @Test
    void updatedSinceAndJobIdFiltersAreWhatASyncNeeds() {
        Api api = new Api();
        String a = api.createCandidate(Api.email());
        String b = api.createCandidate(Api.email());
        String job = api.createJob();
        api.invite(b, job, 201);
        Instant before = Instant.now().minusMillis(1);
        api.as(api.write).body("{\"first_name\":\"Grace\"}").patch("/v1/candidates/{id}", a).then().statusCode(200);

        given().auth().oauth2(api.read).queryParam("updated_since", before.toString()).get("/v1/candidates")
                .then().statusCode(200).body("data.id", contains(a)).body("data[0].first_name", equalTo("Grace"));
        given().auth().oauth2(api.read).queryParam("job_id", job).get("/v1/candidates")
                .then().statusCode(200).body("data.id", contains(b));
        given().auth().oauth2(api.read).get("/v1/candidates").then().statusCode(200).body("data.id", contains(a, b));
        given().auth().oauth2(api.read).queryParam("updated_since", "yesterday").get("/v1/candidates")
                .then().statusCode(400).body("errors[0].field", equalTo("updated_since"));
        given().auth().oauth2(api.read).queryParam("cursor", "garbage").get("/v1/candidates")
                .then().statusCode(400).body("type", equalTo("https://docs.truffle.dev/problems/invalid-cursor"));
        given().auth().oauth2(api.read).queryParam("limit", 500).get("/v1/candidates").then().statusCode(422);
        for (String list : java.util.List.of("/v1/candidates", "/v1/jobs", "/v1/screenings")) {
            given().auth().oauth2(api.read).queryParam("limit", "fifty").get(list).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://docs.truffle.dev/problems/invalid-parameter"));
        }
    }
}

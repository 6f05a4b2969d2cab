package com.truffle.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/** Problems as the services render them (Jackson with service-kit's SNAKE_CASE naming). */
class ProblemTest {

    static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @Test
    void aProblemIsRfc9457WithAStableTypePerKind() throws Exception {
        Problem p = Problem.of(404, "not-found", "Not found", "No API key with this id.").withRequestId("req-12345678");

        String json = JSON.writeValueAsString(p);

        assertThat(json).isEqualTo("{\"type\":\"https://docs.truffle.dev/problems/not-found\",\"title\":\"Not found\","
                + "\"status\":404,\"detail\":\"No API key with this id.\",\"request_id\":\"req-12345678\"}");
        assertThat(Problem.MEDIA_TYPE).isEqualTo("application/problem+json");
    }

    @Test
    void fieldErrorsAndExtensionMembersAreTopLevelMembers() throws Exception {
        Problem p = Problem.of(422, "validation", "Invalid request", "Fix the fields below.")
                .withErrors(List.of(new Problem.FieldError("name", "must not be blank")))
                .with("required_permission", "WRITE");

        JsonNode json = JSON.readTree(JSON.writeValueAsString(p));

        assertThat(json.path("errors").get(0).path("field").asText()).isEqualTo("name");
        assertThat(json.path("errors").get(0).path("message").asText()).isEqualTo("must not be blank");
        assertThat(json.path("required_permission").asText()).isEqualTo("WRITE");
        assertThat(json.has("request_id")).as("absent members are left out").isFalse();
    }

    @Test
    void noFieldErrorsMeansNoErrorsMember() throws Exception {
        Problem p = Problem.of(400, "validation", "Invalid request", null).withErrors(List.of());

        JsonNode json = JSON.readTree(JSON.writeValueAsString(p));

        assertThat(json.has("errors")).isFalse();
        assertThat(json.has("detail")).isFalse();
    }

    @Test
    void itTravelsAsAnException() {
        Problem p = Problem.of(409, "conflict", "Conflict", "Already revoked.");

        ProblemException e = p.toException();

        assertThat(e.problem()).isSameAs(p);
    }
}

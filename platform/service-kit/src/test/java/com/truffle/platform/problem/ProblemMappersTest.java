package com.truffle.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.truffle.platform.json.JsonStrictness;

/** The static half of the problem mapping: field paths, bodies that do not read, refusals by status, loggable paths. */
class ProblemMappersTest {

    // ------------------------------------------------------------------ field paths of bean validation

    enum Kind { TEXT, CHOICE }

    record Question(@NotBlank String prompt, Kind kind) {
    }

    record CreateJob(@NotBlank String jobTitle, @NotNull @Valid List<@Valid Question> questions, List<@NotBlank String> tags) {
        CreateJob(String jobTitle, List<Question> questions) {
            this(jobTitle, questions, List.of());
        }
    }

    static class Resource {
        public void create(@Valid CreateJob request) {
        }
    }

    static Set<ConstraintViolation<Resource>> violations(CreateJob body) throws Exception {
        Validator validator = Validation.byDefaultProvider().configure().messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();
        Method create = Resource.class.getMethod("create", CreateJob.class);
        return validator.forExecutables().validateParameters(new Resource(), create, new Object[] { body });
    }

    @Test
    void aFieldIsNamedAsInTheJsonWithoutTheMethodAndParameter() throws Exception {
        var v = violations(new CreateJob(" ", List.of(new Question("Why?", Kind.TEXT)))).iterator().next();

        assertThat(v.getPropertyPath().toString()).isEqualTo("create.request.jobTitle");
        assertThat(ProblemMappers.fieldOf(v.getPropertyPath())).isEqualTo("job_title");
    }

    @Test
    void aFieldInAListCarriesItsIndexWhereTheListIs() throws Exception {
        var v = violations(new CreateJob("Engineer", List.of(new Question("Why?", Kind.TEXT), new Question("", Kind.CHOICE))))
                .iterator().next();

        assertThat(v.getPropertyPath().toString()).isEqualTo("create.request.questions[1].prompt");
        assertThat(ProblemMappers.fieldOf(v.getPropertyPath())).isEqualTo("questions[1].prompt");
    }

    @Test
    void anElementOfAListOfValuesIsNamedByTheListAndItsIndex() throws Exception {
        var v = violations(new CreateJob("Engineer", List.of(), List.of("java", " "))).iterator().next();

        assertThat(v.getPropertyPath().toString()).isEqualTo("create.request.tags[1].<list element>");
        assertThat(ProblemMappers.fieldOf(v.getPropertyPath())).isEqualTo("tags[1]");
    }

    @Test
    void snakeCaseAsTheJsonIsWritten() {
        assertThat(ProblemMappers.snake("jobTitle")).isEqualTo("job_title");
        assertThat(ProblemMappers.snake("assessmentTypeId")).isEqualTo("assessment_type_id");
        assertThat(ProblemMappers.snake("name")).isEqualTo("name");
    }

    // ------------------------------------------------------------------ bodies that do not read

    record Body(String name, int count, Kind kind, List<Question> questions) {
    }

    static Problem malformed(String json) {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        new JsonStrictness().customize(mapper);
        try {
            mapper.readValue(json, Body.class);
        } catch (JsonProcessingException e) {
            return ProblemMappers.malformed(e);
        }
        throw new AssertionError("read: " + json);
    }

    @Test
    void notJsonAtAll() {
        Problem p = malformed("{\"name\":");

        assertThat(p.getType()).endsWith("/malformed-json");
        assertThat(p.getStatus()).isEqualTo(400);
    }

    @Test
    void aWrongTypeNamesTheFieldAndWhatItMustBe() {
        Problem p = malformed("{\"name\":12}");

        assertThat(p.getType()).endsWith("/malformed-request");
        assertThat(p.getDetail()).isEqualTo("Field 'name' must be a string.");
        assertThat(p.getErrors()).containsExactly(new Problem.FieldError("name", "must be a string"));
    }

    @Test
    void aWrongTypeDeepInsideNamesItsPath() {
        Problem p = malformed("{\"questions\":[{\"prompt\":\"ok\"},{\"prompt\":true}]}");

        assertThat(p.getErrors()).containsExactly(new Problem.FieldError("questions[1].prompt", "must be a string"));
    }

    @Test
    void anUnknownEnumValueListsTheAllowedOnes() {
        Problem p = malformed("{\"kind\":\"ESSAY\"}");

        assertThat(p.getErrors()).containsExactly(new Problem.FieldError("kind", "must be one of [TEXT, CHOICE]"));
    }

    @Test
    void aNumberForANumberFieldThatIsNotOne() {
        Problem p = malformed("{\"count\":\"twelve\"}");

        assertThat(p.getErrors()).containsExactly(new Problem.FieldError("count", "must be a number"));
    }

    @Test
    void anUnknownFieldIsNotBlamedOnAType() {
        Problem p = malformed("{\"colour\":\"red\"}");

        assertThat(p.getDetail()).isEqualTo("The request body could not be read.");
        assertThat(p.getErrors()).isNull();
    }

    // ------------------------------------------------------------------ refusals by status, paths in logs

    @Test
    void eachRefusalByStatusHasItsOwnType() {
        assertThat(ProblemMappers.forStatus(404, "GET").getType()).endsWith("/not-found");
        assertThat(ProblemMappers.forStatus(405, "PATCH").getDetail()).isEqualTo("This route does not accept PATCH.");
        assertThat(ProblemMappers.forStatus(415, "POST").getType()).endsWith("/unsupported-media-type");
        assertThat(ProblemMappers.forStatus(502, "GET").getType()).endsWith("/internal");
        assertThat(ProblemMappers.forStatus(418, "GET").getType()).endsWith("/http-418");
        assertThat(ProblemMappers.forStatus(418, "GET").getStatus()).isEqualTo(418);
    }

    @Test
    void aFormBodyWhoseEscapesDoNotDecodeIsTheCallersMistake() {
        IllegalArgumentException decoding = org.assertj.core.api.Assertions.catchThrowableOfType(IllegalArgumentException.class,
                () -> java.net.URLDecoder.decode("answer=%\u1876\u2ec5", java.nio.charset.StandardCharsets.UTF_8));

        assertThat(ProblemMappers.unreadableForm(decoding)).isTrue();
        assertThat(ProblemMappers.unreadableForm(new RuntimeException("reading the body", decoding))).isTrue();
        assertThat(ProblemMappers.unreadableForm(new IllegalArgumentException("a bug of ours"))).isFalse();
    }

    @Test
    void theDatabaseBeingDownIsA503ToRetry() {
        Problem p = ProblemMappers.unavailable();

        assertThat(p.getStatus()).isEqualTo(503);
        assertThat(p.getExtensions()).containsKey("retry_after_seconds");
    }

    @Test
    void aScreenerTokenNeverReachesALog() {
        assertThat(ProblemMappers.loggablePath("/screener/tok_secret123/answers")).isEqualTo("/screener/{token}/answers");
        assertThat(ProblemMappers.loggablePath("/screener/tok_secret123")).isEqualTo("/screener/{token}");
        assertThat(ProblemMappers.loggablePath("/v1/jobs")).isEqualTo("/v1/jobs");
        assertThat(ProblemMappers.loggablePath(null)).isNull();
    }
}

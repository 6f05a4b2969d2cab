package com.truffle.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

/** A create and its replay both answer 201 with the resource; only the replay says it made nothing new. */
class IdempotentCreateTest {

    @Test
    void aNewResourceIsCreatedWithoutTheReplayHeader() {
        RestResponse<Map<String, String>> r = IdempotentCreate.created(true, Map.of("id", "k_1"));

        assertThat(r.getStatus()).isEqualTo(201);
        assertThat(r.getEntity()).isEqualTo(Map.of("id", "k_1"));
        assertThat(r.getHeaderString(IdempotentCreate.REPLAYED)).isNull();
    }

    @Test
    void aReplayIsTheSame201ThatSaysSo() {
        RestResponse<Map<String, String>> r = IdempotentCreate.created(false, Map.of("id", "k_1"));

        assertThat(r.getStatus()).isEqualTo(201);
        assertThat(r.getEntity()).isEqualTo(Map.of("id", "k_1"));
        assertThat(r.getHeaderString("Idempotent-Replayed")).isEqualTo("true");
    }
}

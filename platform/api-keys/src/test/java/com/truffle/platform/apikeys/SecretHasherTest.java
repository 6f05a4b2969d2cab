package com.truffle.platform.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class SecretHasherTest {

    static final byte[] PEPPER = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Test
    void isHmacSha256WithThePepper() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(PEPPER, "HmacSHA256"));
        byte[] expected = mac.doFinal("trf_live_x".getBytes(StandardCharsets.US_ASCII));
        assertThat(new SecretHasher(PEPPER).hash("trf_live_x")).isEqualTo(expected);
        assertThat(SecretHasher.fromConfig(Base64.getEncoder().encodeToString(PEPPER)).hashHex("trf_live_x"))
                .isEqualTo(SecretHasher.toHex(expected)).hasSize(64);
    }

    @Test
    void anotherPepperGivesAnotherHash() {
        byte[] other = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);
        assertThat(new SecretHasher(PEPPER).hash("trf_live_x")).isNotEqualTo(new SecretHasher(other).hash("trf_live_x"));
    }

    @Test
    void aShortPepperIsRefused() {
        assertThatThrownBy(() -> new SecretHasher(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}

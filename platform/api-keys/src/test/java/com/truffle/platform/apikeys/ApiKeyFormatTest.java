package com.truffle.platform.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

    static final SecureRandom RANDOM = new SecureRandom();
    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Test
    void everyGeneratedKeyPassesItsChecksum() {
        for (int i = 0; i < 20_000; i++) {
            KeyKind kind = i % 2 == 0 ? KeyKind.LIVE : KeyKind.ASHBY;
            String key = ApiKeyFormat.generate(kind, RANDOM);
            assertThat(key).startsWith(kind.prefix()).hasSize(kind.prefix().length() + 38).matches("trf_(live|ashby)_[0-9A-Za-z]{38}");
            assertThat(ApiKeyFormat.kindOf(key)).contains(kind);
        }
    }

    @Test
    void anyOneCharacterChangeIsRejected() {
        for (int n = 0; n < 200; n++) {
            String key = ApiKeyFormat.generate(KeyKind.LIVE, RANDOM);
            for (int i = KeyKind.LIVE.prefix().length(); i < key.length(); i++) {
                for (char c : ALPHABET.toCharArray()) {
                    if (c == key.charAt(i)) {
                        continue;
                    }
                    String changed = key.substring(0, i) + c + key.substring(i + 1);
                    assertThat(ApiKeyFormat.isWellFormed(changed)).as(changed).isFalse();
                }
            }
        }
    }

    @Test
    void wrongShapesAreRejected() {
        String key = ApiKeyFormat.generate(KeyKind.LIVE, RANDOM);
        assertThat(ApiKeyFormat.isWellFormed(null)).isFalse();
        assertThat(ApiKeyFormat.isWellFormed("")).isFalse();
        assertThat(ApiKeyFormat.isWellFormed(key.substring(0, key.length() - 1))).isFalse();
        assertThat(ApiKeyFormat.isWellFormed(key + "0")).isFalse();
        assertThat(ApiKeyFormat.isWellFormed(key.replace("trf_live_", "trf_test_"))).isFalse();
        assertThat(ApiKeyFormat.isWellFormed(key.replace("trf_live_", "trf_ashby_"))).as("the kind is checksummed too").isFalse();
        assertThat(ApiKeyFormat.isWellFormed(key.substring(0, 20) + "-" + key.substring(21))).isFalse();
        assertThat(ApiKeyFormat.isWellFormed("Bearer " + key)).isFalse();
    }

    @Test
    void displayPartsRevealOnlyPrefixAndLastFour() {
        String key = ApiKeyFormat.generate(KeyKind.ASHBY, RANDOM);
        assertThat(ApiKeyFormat.displayPrefix(key)).isEqualTo(key.substring(0, 14)).startsWith("trf_ashby_");
        assertThat(ApiKeyFormat.last4(key)).isEqualTo(key.substring(key.length() - 4));
    }
}

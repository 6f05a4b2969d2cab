package com.truffle.platform.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class KeyKindTest {

    @Test
    void prefixesAreTheOnesSecretScannersLookFor() {
        assertThat(KeyKind.LIVE.prefix()).isEqualTo("trf_live_");
        assertThat(KeyKind.ASHBY.prefix()).isEqualTo("trf_ashby_");
        assertThat(KeyKind.LIVE.tag()).isEqualTo("live");
        assertThat(KeyKind.ASHBY.tag()).isEqualTo("ashby");
    }

    @Test
    void noPrefixIsTheStartOfAnother() {
        // the gateway tells kinds apart by prefix alone
        for (KeyKind a : KeyKind.values()) {
            assertThat(Arrays.stream(KeyKind.values()).filter(b -> b != a && b.prefix().startsWith(a.prefix()))).isEmpty();
        }
    }
}

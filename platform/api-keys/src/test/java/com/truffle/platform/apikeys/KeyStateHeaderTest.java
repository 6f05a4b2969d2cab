package com.truffle.platform.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyStateHeaderTest {

    @Test
    void roundTripsJsonAsUnpaddedBase64Url() {
        String json = "{\"key_id\":\"8c1f\",\"status\":\"REVOKED\",\"note\":\"ü?>\"}";
        String value = KeyStateHeader.encode(json);
        assertThat(value).doesNotContain("=", "+", "/");
        assertThat(KeyStateHeader.decode(value)).isEqualTo(json);
    }

    @Test
    void decodeToleratesSurroundingWhitespaceAsAHeaderMayCarryIt() {
        assertThat(KeyStateHeader.decode("  " + KeyStateHeader.encode("{}") + " ")).isEqualTo("{}");
    }

    @Test
    void decodeRefusesWhatIsNotBase64Url() {
        assertThatThrownBy(() -> KeyStateHeader.decode("not base64!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyStateHeader.decode("a+b/")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHeaderNameIsTheOneTheGatewayStrips() {
        assertThat(KeyStateHeader.NAME).isEqualToIgnoringCase("x-truffle-key-state");
    }
}

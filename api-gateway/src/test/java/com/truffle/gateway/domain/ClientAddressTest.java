package com.truffle.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.truffle.gateway.domain.access.ClientAddress;

class ClientAddressTest {

    final ClientAddress behindIngress = ClientAddress.trusting(List.of("10.0.0.0/8", "fd00::/8"));

    @Test
    void aClientCannotChooseItsAddressByHeader() {
        assertThat(ClientAddress.trustingNoProxy().of("203.0.113.4", "1.2.3.4")).isEqualTo("203.0.113.4");
        assertThat(behindIngress.of("203.0.113.4", "1.2.3.4")).as("the peer is no proxy of ours").isEqualTo("203.0.113.4");
    }

    @Test
    void behindATrustedProxyTheRightMostAddressNotOursIsTheClient() {
        assertThat(behindIngress.of("10.1.2.3", "198.51.100.9")).isEqualTo("198.51.100.9");
        assertThat(behindIngress.of("10.1.2.3", "6.6.6.6, 198.51.100.9, 10.4.4.4")).as("the left part is the client's to invent")
                .isEqualTo("198.51.100.9");
        assertThat(behindIngress.of("fd00::1", "2001:db8::7")).isEqualTo("2001:db8::7");
        assertThat(behindIngress.of("10.1.2.3", null)).isEqualTo("10.1.2.3");
        assertThat(behindIngress.of("10.1.2.3", "not-an-address")).as("garbage: only the proxy is known").isEqualTo("10.1.2.3");
        assertThat(behindIngress.of("10.1.2.3", "evil.example.com")).as("never a DNS lookup").isEqualTo("10.1.2.3");
    }

    @Test
    void cidrBlocksAreCheckedBitByBit() {
        ClientAddress narrow = ClientAddress.trusting(List.of("192.168.4.0/22"));
        assertThat(narrow.of("192.168.7.255", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(narrow.of("192.168.8.0", "198.51.100.1")).isEqualTo("192.168.8.0");
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("proxy.internal"))).isInstanceOf(IllegalArgumentException.class);
    }
}

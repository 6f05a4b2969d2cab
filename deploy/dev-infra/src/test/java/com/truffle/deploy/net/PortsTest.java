package com.truffle.deploy.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortsAreDistinctBindableAndBelowTheEphemeralRange() throws IOException {
        List<Integer> ports = Ports.free(40);

        assertEquals(40, new HashSet<>(ports).size(), "distinct: " + ports);
        for (int port : ports) {
            assertTrue(port >= 10_000 && port < Ports.ephemeralStart(), port + " is below the ephemeral range");
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(port));
            }
        }
    }

    @Test
    void aListeningPortIsNotFree() throws IOException {
        int port = Ports.free();
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(port));
            assertTrue(Ports.isListening("127.0.0.1", port));
            assertFalse(Ports.isFree(port));
        }
        assertTrue(Ports.isFree(port));
    }
}

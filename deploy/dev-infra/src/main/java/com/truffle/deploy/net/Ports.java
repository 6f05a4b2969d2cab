package com.truffle.deploy.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Port helpers for everything the project starts on this machine (test stacks, brokers, mail catchers, bench
 * targets): free ports, and checks that a fixed port is free or listening.
 *
 * <p>Free ports are chosen <em>below</em> the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range},
 * 32768-60999 on Linux). A port the kernel hands out for {@code bind(0)} is one it may also give, a moment later,
 * to any process's outgoing connection as its local port; a child that binds the chosen port seconds later then
 * fails with "Address already in use" (seen in CI, with Docker and Kafka clients busy). Ports under the range are
 * never assigned to outgoing connections, so only another listener can take one, and each is checked bindable.
 */
public final class Ports {

    private static final int LOWEST = 10_000;
    private static final int FALLBACK_EPHEMERAL_START = 32_768;
    private static final int ATTEMPTS = 2_000;

    private Ports() {
    }

    /** {@code count} distinct free ports, all held open together while they are chosen so that they differ. */
    public static List<Integer> free(int count) {
        int highest = ephemeralStart() - 1;
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int attempt = 0; ports.size() < count; attempt++) {
                if (attempt >= ATTEMPTS) {
                    throw new IllegalStateException("no free port between " + LOWEST + " and " + highest + " after "
                            + ATTEMPTS + " attempts");
                }
                int candidate = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
                ServerSocket s = tryBind(candidate);
                if (s != null) {
                    held.add(s);
                    ports.add(candidate);
                }
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
    }

    public static int free() {
        return free(1).get(0);
    }

    /** True when nothing listens on {@code port} (on any local address). */
    public static boolean isFree(int port) {
        if (isListening("127.0.0.1", port)) {
            return false;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when something accepts TCP connections on {@code host:port}. */
    public static boolean isListening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A probe bound on every address (as the children bind) and on loopback, or null when either is taken. */
    private static ServerSocket tryBind(int port) {
        if (isListening("127.0.0.1", port)) {
            return null;
        }
        ServerSocket s = null;
        try {
            s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return s;
        } catch (IOException e) {
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a failed probe
                }
            }
            return null;
        }
    }

    /** The first port of the kernel's ephemeral range (Linux), or 32768 where it cannot be read. */
    static int ephemeralStart() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            if (Files.isReadable(range)) {
                String[] bounds = Files.readString(range).trim().split("\\s+");
                int start = Integer.parseInt(bounds[0]);
                if (start > LOWEST + 1_000) {
                    return start;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the IANA default
        }
        return FALLBACK_EPHEMERAL_START;
    }
}

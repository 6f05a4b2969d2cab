package com.truffle.screening.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on a raw socket (127.0.0.1, free port), well-behaved or hostile, that counts what it managed to
 * write before the caller hung up: the evidence that the sender read no more than its cap. One thread per connection.
 */
public final class RawReceiver implements AutoCloseable {

    public enum Behaviour {
        /** 204 at once. */
        NO_CONTENT,
        /** 200 with a body of {@code bodyBytes}. */
        OK_WITH_BODY,
        /** 200, chunked, and chunks for ever. */
        ENDLESS_BODY,
        /** 200 with Content-Length: 2147483648, written lazily (1 KiB at a time) until the caller hangs up. */
        HUGE_BODY,
        /** The answer one byte a second (so an idle timeout of more than a second never fires). */
        TRICKLE,
        /** Accepts, reads the request, and never answers (until the caller hangs up, or 30 s). */
        STALL
    }

    /** A request as received (the well-behaved receivers' view), with when it arrived. */
    public record Request(String path, String eventType, String eventId, String body, long arrivedNanos) {
    }

    /** One connection, after it ended: how long it lasted and how much of the answer the receiver got written. */
    public record Connection(long acceptedNanos, long endedNanos, long bytesWritten) {

        public long millis() {
            return (endedNanos - acceptedNanos) / 1_000_000;
        }
    }

    static final int BLOCK = 1024;

    private final Behaviour behaviour;
    private final int bodyBytes;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raw-receiver");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Connection> ended = new CopyOnWriteArrayList<>();

    private RawReceiver(Behaviour behaviour, int bodyBytes) throws IOException {
        this.behaviour = behaviour;
        this.bodyBytes = bodyBytes;
        this.server = new ServerSocket(0, 100, InetAddress.getByName("127.0.0.1"));
        threads.execute(this::acceptLoop);
    }

    public static RawReceiver start(Behaviour behaviour) throws IOException {
        return new RawReceiver(behaviour, 0);
    }

    public static RawReceiver answering200WithBody(int bodyBytes) throws IOException {
        return new RawReceiver(Behaviour.OK_WITH_BODY, bodyBytes);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections open right now. */
    public int open() {
        return open.get();
    }

    public int maxOpen() {
        return maxOpen.get();
    }

    public int accepted() {
        return accepted.get();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Connection> ended() {
        return List.copyOf(ended);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                threads.execute(() -> handle(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket socket) {
        long acceptedAt = System.nanoTime();
        accepted.incrementAndGet();
        maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        long written = 0;
        try (socket) {
            // a small send buffer: what the kernel holds for the caller beyond what it read stays small
            socket.setSendBufferSize(8 * 1024);
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            requests.add(readRequest(in));
            switch (behaviour) {
                case NO_CONTENT -> out.write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                case OK_WITH_BODY -> {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + bodyBytes
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[bodyBytes]);
                    out.flush();
                    written = bodyBytes;
                    awaitHangUp(socket, in, 5_000);
                }
                case ENDLESS_BODY -> {
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = chunk(BLOCK);
                    while (true) {
                        out.write(chunk);
                        written += BLOCK;
                    }
                }
                case HUGE_BODY -> {
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 2147483648\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] block = new byte[BLOCK];
                    for (long left = 2147483648L; left > 0; left -= BLOCK) {
                        out.write(block);
                        written += BLOCK;
                    }
                }
                case TRICKLE -> {
                    byte[] answer = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                    socket.setSoTimeout(1_000);
                    for (byte b : answer) {
                        out.write(b);
                        out.flush();
                        written++;
                        // the pace (a byte a second) is the wait for the caller to hang up: -1 ends it at once
                        try {
                            if (in.read() < 0) {
                                break;
                            }
                        } catch (SocketTimeoutException e) {
                            // a second passed: the next byte
                        }
                    }
                }
                case STALL -> awaitHangUp(socket, in, 30_000);
            }
        } catch (IOException e) {
            // the caller reset or closed the connection: what the hostile receivers wait for
        } finally {
            open.decrementAndGet();
            ended.add(new Connection(acceptedAt, System.nanoTime(), written));
        }
    }

    /** Blocks until the caller closes the connection (read gives -1 or fails), at most {@code millis}. */
    private static void awaitHangUp(Socket socket, InputStream in, int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (in.read() >= 0) {
                // a caller has nothing more to send; drain whatever comes
            }
        } catch (SocketTimeoutException e) {
            // gave up waiting
        }
    }

    private static byte[] chunk(int size) {
        byte[] head = (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = new byte[head.length + size + 2];
        System.arraycopy(head, 0, chunk, 0, head.length);
        java.util.Arrays.fill(chunk, head.length, head.length + size, (byte) ' ');
        chunk[chunk.length - 2] = '\r';
        chunk[chunk.length - 1] = '\n';
        return chunk;
    }

    private static Request readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) { // the head ends with an empty line
            int c = in.read();
            if (c < 0) {
                throw new IOException("the caller closed before the end of the request head");
            }
            head.write(c);
            last4 = last4 << 8 | c;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String path = lines[0].split(" ")[1];
        int length = 0;
        String eventType = null;
        String eventId = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Integer.parseInt(value);
                case "truffle-event-type" -> eventType = value;
                case "truffle-event-id" -> eventId = value;
                default -> {
                }
            }
        }
        byte[] body = in.readNBytes(length);
        return new Request(path, eventType, eventId, new String(body, StandardCharsets.UTF_8), System.nanoTime());
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}

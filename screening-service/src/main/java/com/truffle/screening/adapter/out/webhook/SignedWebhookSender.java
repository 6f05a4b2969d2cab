package com.truffle.screening.adapter.out.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.screening.application.port.out.SendWebhookPort;
import com.truffle.screening.domain.DeliveryResult;
import com.truffle.screening.domain.Webhook;
import com.truffle.screening.domain.WebhookDelivery;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;

/**
 * POSTs a delivery with the Vert.x core HTTP client, signed like Stripe's webhooks:
 * {@code Truffle-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>}. The timestamp is inside
 * what is signed, so a receiver can refuse replays of old deliveries.
 *
 * <p>A receiver is a stranger's server, so an attempt is bounded in time and memory whatever it does: one absolute
 * deadline per attempt (resolve, connect, send, answer) enforced by a timer that resets the request; the answer's
 * status is what counts, its body is read and discarded up to {@code max-answer-bytes} (beyond that the connection is
 * reset and the attempt fails), never buffered. A success is a 2xx whose whole answer arrived within both.
 */
@ApplicationScoped
class SignedWebhookSender implements SendWebhookPort {

    static final String SIGNATURE_HEADER = "Truffle-Signature";
    /** The kernel's receive buffer per connection: what a receiver can push at us before we read is small too. */
    static final int RECEIVE_BUFFER_BYTES = 16 * 1024;

    @Inject
    Vertx vertx;
    @Inject
    Clock clock;

    @Inject
    WebhookSenderSettings settings;

    private volatile HttpClient client;

    /**
     * Resolves the URL's host once, refuses a non-public address (unless allowed), and connects to exactly that
     * address (Host header and TLS name stay the URL's): a DNS answer that changes between check and connect
     * cannot send the request into Truffle's own network.
     */
    @Override
    public Uni<DeliveryResult> send(Webhook webhook, WebhookDelivery delivery) {
        return Uni.createFrom().emitter(emitter -> new Attempt(webhook, delivery, emitter).start());
    }

    InetAddress target(String host) {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("unknown host " + host);
        }
        if (!settings.allowPrivateTargets()) {
            for (InetAddress a : all) {
                if (!isPublic(a)) {
                    // not which address: the answer must not map Truffle's internal network for the caller
                    throw new RefusedTarget("refused: " + host + " does not resolve to a public address");
                }
            }
        }
        return all[0];
    }

    /**
     * Loopback, private, link-local, CGNAT, unique-local, multicast, documentation and reserved ranges are not public,
     * nor an IPv6 address that embeds a non-public IPv4 one (IPv4-mapped and -compatible, NAT64, 6to4, Teredo).
     */
    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return isPublicV4(b, 0);
        }
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        if (allZero(b, 0, 10) && (word(b, 10) == 0 || word(b, 10) == 0xffff)) {
            return isPublicV4(b, 12);                           // ::a.b.c.d (compatible), ::ffff:a.b.c.d (mapped)
        }
        if (w0 == 0x0064 && w1 == 0xff9b) {
            return allZero(b, 4, 12) && isPublicV4(b, 12);       // 64:ff9b::/96 NAT64; 64:ff9b:1::/48 is local use
        }
        if (w0 == 0x2002) {
            return isPublicV4(b, 2);                             // 2002::/16 6to4: 2002:AABB:CCDD::
        }
        if (w0 == 0x2001 && w1 == 0x0000) {                      // 2001::/32 Teredo: server, then client XOR ffffffff
            byte[] client = {(byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]};
            return isPublicV4(b, 4) && isPublicV4(client, 0);
        }
        if (w0 == 0x2001 && w1 == 0x0db8 || w0 == 0x0100 && allZero(b, 2, 8)) {
            return false;                                        // 2001:db8::/32 documentation, 100::/64 discard
        }
        return (b[0] & 0xfe) != 0xfc                             // fc00::/7, unique local
                && !(b[0] == (byte) 0xfe && (b[1] & 0xc0) == 0xc0); // fec0::/10, old site-local
    }

    private static boolean isPublicV4(byte[] b, int at) {
        int b0 = b[at] & 0xff;
        int b1 = b[at + 1] & 0xff;
        int b2 = b[at + 2] & 0xff;
        return b0 != 0 && b0 != 10 && b0 != 127 && b0 < 224         // "this network", private, loopback, multicast, reserved
                && !(b0 == 169 && b1 == 254)                         // link-local (cloud metadata)
                && !(b0 == 172 && (b1 & 0xf0) == 16)                 // 172.16.0.0/12
                && !(b0 == 192 && b1 == 168)                         // 192.168.0.0/16
                && !(b0 == 100 && (b1 & 0xc0) == 64)                 // 100.64.0.0/10, carrier-grade NAT
                && !(b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2))   // 192.0.0.0/24 protocol assignments, 192.0.2.0/24 docs
                && !(b0 == 198 && (b1 == 18 || b1 == 19))            // 198.18.0.0/15, benchmarking
                && !(b0 == 198 && b1 == 51 && b2 == 100)             // 198.51.100.0/24, documentation
                && !(b0 == 203 && b1 == 0 && b2 == 113);             // 203.0.113.0/24, documentation
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** One attempt: whichever comes first (answer, oversized answer, failure, deadline) ends it, exactly once. */
    private final class Attempt {

        private final Webhook webhook;
        private final WebhookDelivery delivery;
        private final UniEmitter<? super DeliveryResult> emitter;
        private final long start = System.nanoTime();
        private final AtomicBoolean done = new AtomicBoolean();
        private final Context caller = io.vertx.core.Vertx.currentContext();
        private volatile HttpClientRequest request;
        private long deadlineTimer;

        Attempt(Webhook webhook, WebhookDelivery delivery, UniEmitter<? super DeliveryResult> emitter) {
            this.webhook = webhook;
            this.delivery = delivery;
            this.emitter = emitter;
        }

        void start() {
            io.vertx.core.Vertx core = vertx.getDelegate();
            deadlineTimer = core.setTimer(Math.max(1, settings.timeout().toMillis()), id -> end(DeliveryResult.ofError(
                    "no complete answer within " + settings.timeout().toMillis() + " ms (the deadline of an attempt); the request was reset",
                    millis()), true));
            emitter.onTermination(() -> end(null, true));
            URI url = URI.create(webhook.url());
            core.executeBlocking(() -> target(url.getHost()), false).onComplete(resolved -> {
                if (resolved.failed()) {
                    end(resolved.cause() instanceof RefusedTarget refused ? DeliveryResult.ofError(refused.getMessage(), millis())
                            : failure(resolved.cause()), false);
                } else if (!done.get()) {
                    post(url, resolved.result());
                }
            });
        }

        private void post(URI url, InetAddress address) {
            long t = clock.instant().getEpochSecond();
            String signature = "t=" + t + ",v1=" + sign(webhook.secret(), t, delivery.body());
            boolean https = "https".equalsIgnoreCase(url.getScheme());
            int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
            String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                    + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                    .setHost(url.getHost()).setPort(port).setSsl(https).setURI(path)
                    .setFollowRedirects(false)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("User-Agent", "Truffle-Webhooks/1.0")
                    .putHeader(SIGNATURE_HEADER, signature)
                    .putHeader("Truffle-Event-Id", delivery.eventId().toString())
                    .putHeader("Truffle-Event-Type", delivery.eventType())
                    .putHeader("Truffle-Delivery-Id", delivery.id().toString());
            client().request(options).onComplete(created -> {
                if (created.failed()) {
                    end(failure(created.cause()), false);
                    return;
                }
                request = created.result();
                if (done.get()) {
                    request.reset(); // the deadline passed while connecting
                    return;
                }
                request.send(Buffer.buffer(delivery.body(), "UTF-8")).onComplete(answered -> {
                    if (answered.failed()) {
                        end(failure(answered.cause()), true);
                    } else {
                        read(answered.result());
                    }
                });
            });
        }

        /** Only the status matters: the body is counted and dropped, and past the cap the connection is reset. */
        private void read(HttpClientResponse response) {
            int status = response.statusCode();
            long[] bodyBytes = {0};
            response.handler(chunk -> {
                bodyBytes[0] += chunk.length();
                if (bodyBytes[0] > settings.maxAnswerBytes()) {
                    end(DeliveryResult.ofRefusedAnswer(status, "HTTP " + status + " with an answer over " + settings.maxAnswerBytes()
                            + " bytes; the connection was reset (only the status is read)", millis()), true);
                }
            });
            response.exceptionHandler(e -> end(failure(e), true));
            response.endHandler(v -> end(DeliveryResult.ofStatus(status, millis()), false));
        }

        /** Ends the attempt once: cancels the deadline, resets the request unless it completed, answers the caller. */
        private void end(DeliveryResult result, boolean reset) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            vertx.getDelegate().cancelTimer(deadlineTimer);
            HttpClientRequest r = request;
            if (reset && r != null) {
                r.reset();
            }
            if (result == null) {
                return; // cancelled by the subscriber
            }
            if (caller == null || io.vertx.core.Vertx.currentContext() == caller) {
                emitter.complete(result);
            } else {
                caller.runOnContext(v -> emitter.complete(result));
            }
        }

        private DeliveryResult failure(Throwable e) {
            return DeliveryResult.ofError(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    millis());
        }

        private long millis() {
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    /** A target the sender will not call; recorded as the attempt's error. */
    static final class RefusedTarget extends RuntimeException {
        RefusedTarget(String message) {
            super(message, null, false, false);
        }
    }

    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private HttpClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    // one connection per attempt (no keep-alive): a receiver's connection is never reused for another's
                    // delivery, and per receiver address enough of them that callers never queue behind each other
                    client = vertx.getDelegate().createHttpClient(new HttpClientOptions()
                            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()))
                            .setKeepAlive(false)
                            .setReceiveBufferSize(RECEIVE_BUFFER_BYTES)
                            .setDecompressionSupported(false),
                            new PoolOptions().setHttp1MaxSize(256));
                }
            }
        }
        return client;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}

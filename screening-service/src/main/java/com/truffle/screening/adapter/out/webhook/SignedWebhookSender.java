package com.truffle.screening.adapter.out.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * POSTs a delivery with the Vert.x web client, signed like Stripe's webhooks:
 * {@code Truffle-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>}. The timestamp is inside
 * what is signed, so a receiver can refuse replays of old deliveries.
 */
@ApplicationScoped
class SignedWebhookSender implements SendWebhookPort {

    static final String SIGNATURE_HEADER = "Truffle-Signature";

    @Inject
    Vertx vertx;
    @Inject
    Clock clock;

    @ConfigProperty(name = "truffle.screening.webhooks.timeout", defaultValue = "PT10S")
    java.time.Duration timeout;
    /**
     * Whether a webhook may point at loopback, private, link-local or other non-public addresses. Off in production
     * (a customer's URL must not reach Truffle's own network); on for local development and tests, whose receivers
     * listen on 127.0.0.1.
     */
    @ConfigProperty(name = "truffle.screening.webhooks.allow-private-targets", defaultValue = "false")
    boolean allowPrivateTargets;

    private volatile WebClient client;

    /**
     * Resolves the URL's host once, refuses a non-public address (unless allowed), and connects to exactly that
     * address (Host header and TLS name stay the URL's): a DNS answer that changes between check and connect
     * cannot send the request into Truffle's own network.
     */
    @Override
    public Uni<DeliveryResult> send(Webhook webhook, WebhookDelivery delivery) {
        long start = System.nanoTime();
        URI url = URI.create(webhook.url());
        return vertx.executeBlocking(Uni.createFrom().item(() -> target(url.getHost())))
                .chain(address -> post(webhook, delivery, url, address, start))
                .onFailure(RefusedTarget.class).recoverWithItem(e -> DeliveryResult.ofError(e.getMessage(), millisSince(start)))
                .onFailure().recoverWithItem(e -> DeliveryResult.ofError(
                        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), millisSince(start)));
    }

    InetAddress target(String host) {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("unknown host " + host);
        }
        if (!allowPrivateTargets) {
            for (InetAddress a : all) {
                if (!isPublic(a)) {
                    throw new RefusedTarget("refused: " + host + " resolves to " + a.getHostAddress()
                            + ", which is not a public address");
                }
            }
        }
        return all[0];
    }

    /** Loopback, private, link-local, CGNAT, unique-local, multicast and reserved ranges are not public. */
    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int b0 = b[0] & 0xff;
            int b1 = b[1] & 0xff;
            return b0 != 0 && b0 < 224                        // "this network", multicast and reserved
                    && !(b0 == 100 && (b1 & 0xc0) == 64)      // 100.64.0.0/10, carrier-grade NAT
                    && !(b0 == 192 && b1 == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24, protocol assignments
                    && !(b0 == 198 && (b1 == 18 || b1 == 19));  // 198.18.0.0/15, benchmarking
        }
        return (b[0] & 0xfe) != 0xfc;                          // fc00::/7, unique local
    }

    private Uni<DeliveryResult> post(Webhook webhook, WebhookDelivery delivery, URI url, InetAddress address, long start) {
        long t = clock.instant().getEpochSecond();
        String signature = "t=" + t + ",v1=" + sign(webhook.secret(), t, delivery.body());
        int port = url.getPort() > 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return client().requestAbs(HttpMethod.POST, SocketAddress.inetSocketAddress(port, address.getHostAddress()), webhook.url())
                .timeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Truffle-Webhooks/1.0")
                .putHeader(SIGNATURE_HEADER, signature)
                .putHeader("Truffle-Event-Id", delivery.eventId().toString())
                .putHeader("Truffle-Event-Type", delivery.eventType())
                .putHeader("Truffle-Delivery-Id", delivery.id().toString())
                .sendBuffer(io.vertx.mutiny.core.buffer.Buffer.newInstance(Buffer.buffer(delivery.body(), "UTF-8")))
                .map(response -> DeliveryResult.ofStatus(response.statusCode(), millisSince(start)));
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

    private WebClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = WebClient.create(vertx, new WebClientOptions()
                            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                            .setFollowRedirects(false)
                            .setUserAgentEnabled(false));
                }
            }
        }
        return client;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}

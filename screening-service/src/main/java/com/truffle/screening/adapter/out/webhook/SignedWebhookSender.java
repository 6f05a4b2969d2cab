package com.truffle.screening.adapter.out.webhook;

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
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
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

    private volatile WebClient client;

    @Override
    public Uni<DeliveryResult> send(Webhook webhook, WebhookDelivery delivery) {
        long t = clock.instant().getEpochSecond();
        String signature = "t=" + t + ",v1=" + sign(webhook.secret(), t, delivery.body());
        long start = System.nanoTime();
        return client().postAbs(webhook.url())
                .timeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Truffle-Webhooks/1.0")
                .putHeader(SIGNATURE_HEADER, signature)
                .putHeader("Truffle-Event-Id", delivery.eventId().toString())
                .putHeader("Truffle-Event-Type", delivery.eventType())
                .putHeader("Truffle-Delivery-Id", delivery.id().toString())
                .sendBuffer(io.vertx.mutiny.core.buffer.Buffer.newInstance(Buffer.buffer(delivery.body(), "UTF-8")))
                .map(response -> DeliveryResult.ofStatus(response.statusCode(), millisSince(start)))
                .onFailure().recoverWithItem(e -> DeliveryResult.ofError(
                        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), millisSince(start)));
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

package com.truffle.screening.adapter.out.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.DeliveryResult;
import com.truffle.screening.domain.Webhook;
import com.truffle.screening.domain.WebhookDelivery;
import io.vertx.mutiny.core.Vertx;

/**
 * A customer's webhook URL must not reach Truffle's own network: with private targets refused (production), a
 * receiver on 127.0.0.1 gets nothing and the attempt records why; allowed (dev, tests), the same receiver is called.
 */
class WebhookTargetGuardTest {

    Vertx vertx;
    HttpServer receiver;
    final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        vertx.closeAndAwait();
    }

    @Test
    void nonPublicTargetsAreRefusedUnlessAllowed() {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        Webhook webhook = Webhook.register(new CompanyId("guard-co"), url, List.of("ScreeningCompleted"), null, false, Instant.now());
        WebhookDelivery delivery = new WebhookDelivery(UUID.randomUUID(), webhook.id(), webhook.companyId(), UUID.randomUUID(),
                "ScreeningCompleted", "{}", WebhookDelivery.Status.PENDING, 0, Instant.now(), null, null, Instant.now(), null);

        DeliveryResult refused = sender(false).send(webhook, delivery).await().atMost(Duration.ofSeconds(10));
        assertThat(refused.success()).isFalse();
        assertThat(refused.error()).contains("127.0.0.1").contains("not a public address");
        assertThat(received).hasValue(0);

        DeliveryResult delivered = sender(true).send(webhook, delivery).await().atMost(Duration.ofSeconds(10));
        assertThat(delivered.success()).isTrue();
        assertThat(received).hasValue(1);
    }

    @Test
    void onlyPublicAddressesArePublic() throws Exception {
        for (String inside : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                "0.0.0.0", "224.0.0.1", "198.18.0.1", "::1", "fd00::1", "fe80::1")) {
            assertThat(SignedWebhookSender.isPublic(InetAddress.getByName(inside))).as(inside).isFalse();
        }
        for (String outside : List.of("93.184.216.34", "8.8.8.8", "2606:4700:4700::1111")) {
            assertThat(SignedWebhookSender.isPublic(InetAddress.getByName(outside))).as(outside).isTrue();
        }
    }

    private SignedWebhookSender sender(boolean allowPrivateTargets) {
        SignedWebhookSender sender = new SignedWebhookSender();
        sender.vertx = vertx;
        sender.clock = Clock.systemUTC();
        sender.timeout = Duration.ofSeconds(3);
        sender.allowPrivateTargets = allowPrivateTargets;
        return sender;
    }
}

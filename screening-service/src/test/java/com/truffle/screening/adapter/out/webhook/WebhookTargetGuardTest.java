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
        assertThat(refused.error()).isEqualTo("refused: 127.0.0.1 does not resolve to a public address");
        assertThat(received).hasValue(0);

        // a name that resolves inside: refused, and the answer does not say to which internal address
        Webhook byName = Webhook.register(new CompanyId("guard-co"), url.replace("127.0.0.1", "localhost"), List.of("ScreeningCompleted"),
                null, false, Instant.now());
        DeliveryResult refusedByName = sender(false).send(byName, delivery).await().atMost(Duration.ofSeconds(10));
        assertThat(refusedByName.success()).isFalse();
        assertThat(refusedByName.error()).isEqualTo("refused: localhost does not resolve to a public address")
                .doesNotContain("127.0.0.1").doesNotContain("::1");
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

    /** IPv6 forms that carry an IPv4 address reach that address: they are as public as the address they embed. */
    @Test
    void ipv6AddressesEmbeddingAnInternalIpv4AreNotPublic() throws Exception {
        for (String inside : List.of(
                "64:ff9b::a00:1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::c0a8:101", // NAT64 of 10/8, 127/8, metadata, 192.168/16
                "64:ff9b:1::a00:1",                                                          // local-use NAT64 prefix
                "2002:a00:1::1", "2002:7f00:1::", "2002:a9fe:a9fe::1", "2002:ac10:1::",       // 6to4 of 10/8, 127/8, metadata, 172.16/12
                "::10.0.0.1", "::127.0.0.1", "::169.254.169.254",                             // IPv4-compatible
                "2001:0:808:808::f5ff:fffe",                                                  // Teredo, client 10.0.0.1
                "2001:db8::1", "100::1", "fec0::1")) {
            assertThat(SignedWebhookSender.isPublic(InetAddress.getByName(inside))).as(inside).isFalse();
        }
        // IPv4-mapped (::ffff:a.b.c.d): Java turns the literal into an IPv4 address, a resolver may hand over the IPv6 form
        for (String v4 : List.of("10.0.0.1", "127.0.0.1", "169.254.169.254", "192.168.1.1", "100.64.0.1")) {
            assertThat(SignedWebhookSender.isPublic(mapped(v4))).as("::ffff:" + v4).isFalse();
            assertThat(SignedWebhookSender.isPublic(InetAddress.getByName("::ffff:" + v4))).as("::ffff:" + v4 + " literal").isFalse();
        }
        for (String outside : List.of("64:ff9b::808:808", "2002:808:808::1", "2001:0:808:808::f7f7:f7f7")) {
            assertThat(SignedWebhookSender.isPublic(InetAddress.getByName(outside))).as(outside).isTrue();
        }
        assertThat(SignedWebhookSender.isPublic(mapped("8.8.8.8"))).as("::ffff:8.8.8.8").isTrue();
    }

    private static InetAddress mapped(String v4) throws Exception {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(InetAddress.getByName(v4).getAddress(), 0, b, 12, 4);
        return java.net.Inet6Address.getByAddress(null, b, -1);
    }

    private SignedWebhookSender sender(boolean allowPrivateTargets) {
        SignedWebhookSender sender = new SignedWebhookSender();
        sender.vertx = vertx;
        sender.clock = Clock.systemUTC();
        sender.settings = new WebhookSenderSettings(Duration.ofSeconds(3), allowPrivateTargets, 4096);
        return sender;
    }
}

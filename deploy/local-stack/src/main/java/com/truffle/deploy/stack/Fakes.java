package com.truffle.deploy.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.truffle.deploy.idp.DevIdentityProvider;
import com.truffle.deploy.stack.ashby.AshbySandbox;
import com.truffle.deploy.stack.http.SmallHttpServer;
import com.truffle.deploy.stack.smtp.SmtpCatcher;

/**
 * The in-process stand-ins for what the platform talks to outside: the dev identity provider (and minting its
 * tokens), the Ashby sandbox unless ASHBY_BASE_URL points the connector elsewhere, and the SMTP catcher unless
 * SMTP_HOST points the services elsewhere.
 */
final class Fakes {

    private final StackSettings settings;
    private final StackPorts ports;
    private final HttpClient http;
    private DevIdentityProvider idp;
    private AshbySandbox ashbySandbox;
    private String ashbyBaseUrl;
    private SmtpCatcher smtpCatcher;
    private String smtpHost;
    private int smtpPort;

    Fakes(StackSettings settings, StackPorts ports, HttpClient http) {
        this.settings = settings;
        this.ports = ports;
        this.http = http;
    }

    /** The IdP, then the Ashby sandbox and the SMTP catcher, each unless overridden. */
    void start() {
        long t0 = System.nanoTime();
        idp = new DevIdentityProvider(settings.idpIssuer).start(ports.listenPort(StackPorts.DEV_IDP_PORT));
        settings.out.printf("Dev IdP       %s (issuer %s)%s%n", idp.url(), idp.issuer(), StackSettings.took(t0));
        startAshbySandbox();
        startSmtpCatcher();
    }

    private void startAshbySandbox() {
        String external = settings.env("ASHBY_BASE_URL", null);
        if (external != null) {
            ashbyBaseUrl = external;
            settings.out.println("Ashby         " + external + " (ASHBY_BASE_URL; no sandbox)");
            return;
        }
        ashbySandbox = new AshbySandbox().start(ports.listenPort(StackPorts.DEV_ASHBY_SANDBOX_PORT));
        ashbyBaseUrl = ashbySandbox.url();
        settings.out.println("Ashby sandbox " + ashbyBaseUrl);
    }

    private void startSmtpCatcher() {
        String externalHost = settings.env("SMTP_HOST", null);
        if (externalHost != null) {
            smtpHost = externalHost;
            smtpPort = StackSettings.parsePort("SMTP_PORT", settings.env("SMTP_PORT", "25"));
            settings.out.println("SMTP          " + smtpHost + ":" + smtpPort + " (SMTP_HOST; no catcher)");
            return;
        }
        smtpCatcher = new SmtpCatcher().start(ports.listenPort(StackPorts.DEV_SMTP_PORT),
                ports.listenPort(StackPorts.DEV_SMTP_HTTP_PORT));
        smtpHost = smtpCatcher.smtpHost();
        smtpPort = smtpCatcher.smtpPort();
        settings.out.println("SMTP catcher  smtp://" + smtpHost + ":" + smtpPort + ", messages at "
                + smtpCatcher.httpUrl() + "/messages");
    }

    // ------------------------------------------------------------------ accessors (null: not started)

    DevIdentityProvider identityProvider() {
        return idp;
    }

    String idpUrl() {
        return StackLifecycle.requireStarted(idp, "identity provider").url();
    }

    /** The IdP's issuer; before it starts, the configured one (null: its URL). */
    String idpIssuer() {
        return idp != null ? idp.issuer() : settings.idpIssuer;
    }

    AshbySandbox ashbySandbox() {
        return ashbySandbox;
    }

    String ashbySandboxUrl() {
        return StackLifecycle.requireStarted(ashbySandbox, "Ashby sandbox (ASHBY_BASE_URL is set)").url();
    }

    String ashbyBaseUrl() {
        return ashbyBaseUrl;
    }

    SmtpCatcher smtpCatcher() {
        return smtpCatcher;
    }

    String smtpHttpUrl() {
        return StackLifecycle.requireStarted(smtpCatcher, "SMTP catcher (SMTP_HOST is set)").httpUrl();
    }

    String smtpHost() {
        return smtpHost;
    }

    int smtpPort() {
        return smtpPort;
    }

    // ------------------------------------------------------------------ tokens

    /** Asks the dev IdP for a session token ({@code POST /tokens}); {@code companyId} null for staff. */
    String mintToken(String sub, String companyId, List<String> groups) {
        ObjectNode body = SmallHttpServer.JSON.createObjectNode();
        body.put("sub", sub);
        if (companyId != null) {
            body.put("company_id", companyId);
        }
        groups.forEach(body.putArray("groups")::add);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(idpUrl() + "/tokens"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(SmallHttpServer.JSON.writeValueAsString(body)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new LocalStackException("the IdP refused the token request: HTTP " + response.statusCode()
                        + " " + response.body());
            }
            JsonNode json = SmallHttpServer.JSON.readTree(response.body());
            return json.path("token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("could not reach the IdP at " + idpUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while minting a token", e);
        }
    }

    // ------------------------------------------------------------------ stopping

    boolean anythingStarted() {
        return idp != null || ashbySandbox != null || smtpCatcher != null;
    }

    void close() {
        if (idp != null) {
            settings.quietly(idp::close);
            idp = null;
        }
        if (ashbySandbox != null) {
            settings.quietly(ashbySandbox::close);
            ashbySandbox = null;
        }
        if (smtpCatcher != null) {
            settings.quietly(smtpCatcher::close);
            smtpCatcher = null;
        }
    }
}

package com.truffle.gateway.adapter.out.keyservice;

import java.util.Map;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.out.KeyAuthorityPort;
import com.truffle.gateway.domain.key.KeyRecord;
import com.truffle.gateway.domain.key.SecretHash;
import com.truffle.platform.apikeys.KeyStateSignature;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import org.jboss.logging.Logger;

/** {@code POST {KEY_SERVICE_URL}/internal/keys/verify {"secret_hash"}} → the key-state record (200) or unknown (404). */
@ApplicationScoped
public class KeyServiceClient implements KeyAuthorityPort {

    private static final Logger LOG = Logger.getLogger(KeyServiceClient.class);
    static final String PATH = "/internal/keys/verify";

    private final Vertx vertx;
    private final KeyServiceSettings settings;
    private final KeyStateSignature signature;
    private final Counter found;
    private final Counter notFound;
    private final Counter unavailable;
    private HttpClient client;

    @Inject
    public KeyServiceClient(Vertx vertx, KeyServiceSettings settings, KeyStateSignature signature, MeterRegistry registry) {
        this.vertx = vertx;
        this.settings = settings;
        this.signature = signature;
        this.found = counter(registry, "found");
        this.notFound = counter(registry, "not_found");
        this.unavailable = counter(registry, "unavailable");
    }

    @PostConstruct
    void start() {
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                        .setConnectTimeout((int) Math.min(settings.timeout().toMillis(), Integer.MAX_VALUE)),
                new PoolOptions().setHttp1MaxSize(16));
    }

    @PreDestroy
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    public Uni<Answer> verify(SecretHash hash, String bearerToken) {
        boolean ssl = "https".equals(settings.url().getScheme());
        int port = settings.url().getPort() > 0 ? settings.url().getPort() : ssl ? 443 : 80;
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(settings.url().getHost()).setPort(port).setSsl(ssl)
                .setURI(PATH)
                .setIdleTimeout(settings.timeout().toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT, "application/json")
                .putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken);
        String body = new JsonObject().put("secret_hash", hash.hex()).encode();
        Duration timeout = settings.timeout();
        return Uni.createFrom().completionStage(() -> client.request(options)
                        .compose(request -> request.send(Buffer.buffer(body)))
                        .compose(response -> response.body().map(b -> interpret(response.statusCode(), b)))
                        .toCompletionStage())
                .ifNoItem().after(timeout).recoverWithItem(() -> new Unavailable("no answer within " + timeout))
                .onFailure().recoverWithItem(e -> new Unavailable(e.toString()))
                .invoke(this::count);
    }

    private Answer interpret(int status, Buffer body) {
        if (status == 200) {
            try {
                Map<String, Object> fields = new JsonObject(body).getMap();
                if (!signature.verify(fields)) {
                    LOG.warn("key-service's answer is not signed by key-service; ignored");
                    return new Unavailable("unsigned answer");
                }
                return new Found(KeyRecord.fromContract(fields));
            } catch (RuntimeException e) {
                LOG.warnf("key-service answered an unreadable key-state record: %s", e.getMessage());
                return new Unavailable("unreadable answer");
            }
        }
        if (status == 404) {
            return new NotFound();
        }
        return new Unavailable("HTTP " + status);
    }

    private void count(Answer answer) {
        (answer instanceof Found ? found : answer instanceof NotFound ? notFound : unavailable).increment();
    }

    private static Counter counter(MeterRegistry registry, String answer) {
        return Counter.builder("truffle.gateway.key.lookups")
                .description("Replica misses asked of key-service, by answer").tag("answer", answer).register(registry);
    }
}

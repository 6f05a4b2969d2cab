package com.truffle.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.gateway.domain.routing.GatewayRoutes;
import com.truffle.gateway.domain.routing.Route;
import com.truffle.gateway.domain.routing.Upstream;

/**
 * The route table cannot drift from the services: every public route the gateway forwards exists upstream, with the
 * same method, in the OpenAPI document that service's build writes from its code ({@code
 * <service>/openapi/openapi.json}, committed; in the reactor the services build before the gateway, so the
 * document is the one of the code under test). Path parameters are compared by position, not by name.
 */
class RouteTableMatchesServicesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyPublicRouteExistsUpstreamWithItsMethod() throws IOException {
        Map<Upstream, Set<String>> served = new HashMap<>();
        for (Upstream u : Upstream.values()) {
            served.put(u, operations(document(u)));
        }
        List<String> missing = new ArrayList<>();
        List<Route> routes = GatewayRoutes.table().routes();
        for (Route r : routes) {
            String op = r.method().name() + " " + normalized(r.path().toString());
            if (!served.get(r.upstream()).contains(op)) {
                missing.add(r.method() + " " + r.path() + " -> " + r.upstream().serviceName());
            }
        }
        assertThat(routes).hasSizeGreaterThan(50);
        assertThat(missing).as("public routes the upstream service does not serve (per its OpenAPI document)").isEmpty();
    }

    @Test
    void theComparisonSeesADifferentMethodOrPath() throws IOException {
        Set<String> keys = operations(document(Upstream.KEY_SERVICE));
        assertThat(keys).contains("POST /v1/api-keys/{}/regenerate", "DELETE /v1/api-keys/{}")
                .doesNotContain("PUT /v1/api-keys/{}", "POST /v1/api-keys/{}/rotate");
    }

    static Path document(Upstream u) {
        Path doc = Path.of("..", u.serviceName(), "openapi", "openapi.json");
        assertThat(doc).as("the OpenAPI document %s's build writes", u.serviceName()).exists();
        return doc;
    }

    static Set<String> operations(Path document) throws IOException {
        Set<String> ops = new HashSet<>();
        JsonNode paths = JSON.readTree(Files.readString(document)).path("paths");
        paths.fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                ops.add(method.toUpperCase(Locale.ROOT) + " " + normalized(p.getKey()));
            }
        }));
        return ops;
    }

    /** {@code /v1/jobs/{jobId}} and {@code /v1/jobs/{id}} are the same route. */
    static String normalized(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}

package com.truffle.deploy.stack.ashby;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.truffle.deploy.stack.ashby.AshbySandbox.Fault;
import com.truffle.deploy.stack.ashby.AshbySandbox.RecordedCall;
import com.truffle.deploy.stack.http.SmallHttpServer;
import com.truffle.deploy.stack.http.SmallHttpServer.Request;

/**
 * The {@linkplain AshbySandbox Ashby sandbox}'s control API under {@code /_sandbox}: its Java API (faults,
 * revocations, recorded calls, reset) over HTTP with JSON bodies, for tests in another process and for curl.
 */
final class SandboxControlApi {

    private final AshbySandbox sandbox;

    private SandboxControlApi(AshbySandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Adds the control API's routes, acting on {@code sandbox}, to {@code http}. */
    static void addRoutes(SmallHttpServer http, AshbySandbox sandbox) {
        SandboxControlApi api = new SandboxControlApi(sandbox);
        http.route("POST", "/_sandbox/faults", api::postFault)
                .route("GET", "/_sandbox/faults", api::getFaults)
                .route("DELETE", "/_sandbox/faults", r -> {
                    sandbox.clearFaults();
                    r.empty(204);
                })
                .route("POST", "/_sandbox/keys/([^/]+)/revoke", r -> {
                    sandbox.revoke(r.pathGroup(1));
                    r.empty(204);
                })
                .route("GET", "/_sandbox/updates", api::getUpdates)
                .route("DELETE", "/_sandbox/updates", r -> {
                    sandbox.clearUpdates();
                    r.empty(204);
                })
                .route("GET", "/_sandbox/calls", r -> r.json(200, listing(sandbox.calls(), true)))
                .route("POST", "/_sandbox/reset", r -> {
                    sandbox.reset();
                    r.empty(204);
                });
    }

    private void postFault(Request request) throws IOException {
        JsonNode body = request.jsonOrNull();
        if (body == null || !body.isObject()) {
            request.json(400, controlError("the body must be a JSON object like "
                    + "{\"endpoint\":\"assessment.update\",\"status\":503,\"times\":3}"));
            return;
        }
        JsonNode endpoint = body.get("endpoint");
        JsonNode status = body.get("status");
        JsonNode times = body.get("times");
        if (endpoint == null || !endpoint.isTextual() || status == null || !status.isInt()
                || (times != null && !times.isNull() && !times.isInt())) {
            request.json(400, controlError("endpoint (string) and status (integer) are required, times is an "
                    + "optional integer"));
            return;
        }
        try {
            sandbox.injectFault(endpoint.asText(), status.asInt(), times == null || times.isNull() ? null : times.asInt());
        } catch (IllegalArgumentException e) {
            request.json(400, controlError(e.getMessage()));
            return;
        }
        request.json(201, faultJson(new Fault(endpoint.asText(), status.asInt(),
                times == null || times.isNull() ? -1 : times.asInt())));
    }

    private void getFaults(Request request) throws IOException {
        ObjectNode out = SmallHttpServer.JSON.createObjectNode();
        ArrayNode data = out.putArray("data");
        sandbox.faults().forEach(f -> data.add(faultJson(f)));
        request.json(200, out);
    }

    private static ObjectNode faultJson(Fault f) {
        ObjectNode n = SmallHttpServer.JSON.createObjectNode();
        n.put("endpoint", f.endpoint());
        n.put("status", f.status());
        if (f.remaining() < 0) {
            n.putNull("times");
        } else {
            n.put("times", f.remaining());
        }
        return n;
    }

    private void getUpdates(Request request) throws IOException {
        String assessmentId = request.query().get("assessment_id");
        request.json(200, listing(assessmentId == null ? sandbox.updates() : sandbox.updates(assessmentId), false));
    }

    private static ObjectNode listing(List<RecordedCall> calls, boolean withEndpoint) {
        ObjectNode out = SmallHttpServer.JSON.createObjectNode();
        ArrayNode data = out.putArray("data");
        for (RecordedCall c : calls) {
            ObjectNode n = data.addObject();
            n.put("received_at", c.receivedAt().toString());
            if (withEndpoint) {
                n.put("endpoint", c.endpoint());
            }
            n.put("api_key_last4", c.apiKeyLast4());
            n.set("body", c.body());
            n.put("outcome", c.outcome());
        }
        return out;
    }

    private static ObjectNode controlError(String message) {
        ObjectNode n = SmallHttpServer.JSON.createObjectNode();
        n.put("error", "invalid_request");
        n.put("message", message);
        return n;
    }
}

package com.truffle.deploy.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.truffle.deploy.net.Ports;
import com.truffle.deploy.stack.LocalStack.Service;

/**
 * Which port each part of the stack listens on. In development the fixed ones (each service's
 * {@link Service#devPort()}, the gateway's movable with GATEWAY_PORT, and the constants below), all checked to be
 * free before anything starts; in tests free ones from {@link Ports}. A service's ports are kept across its
 * restarts.
 */
final class StackPorts {

    static final int DEV_IDP_PORT = 8090;
    static final int DEV_ASHBY_SANDBOX_PORT = 8091;
    static final int DEV_SMTP_PORT = 2525;
    static final int DEV_SMTP_HTTP_PORT = 8025;
    static final int DEV_KAFKA_PORT = 9092;
    static final int DEV_KAFKA_CONTROLLER_PORT = 9093;

    private final StackSettings settings;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();

    StackPorts(StackSettings settings) {
        this.settings = settings;
    }

    /** Gives every service its port (and the gateway its management port); in development, fails on a busy one. */
    void assign() {
        if (settings.development()) {
            assignFixed();
        } else {
            List<Service> managed = ServiceCatalogue.SERVICES.stream().filter(Service::hasManagementPort).toList();
            List<Service> all = ServiceCatalogue.SERVICES;
            List<Integer> free = Ports.free(all.size() + managed.size());
            for (int i = 0; i < all.size(); i++) {
                ports.put(all.get(i).module(), free.get(i));
            }
            for (int i = 0; i < managed.size(); i++) {
                managementPorts.put(managed.get(i).module(), free.get(all.size() + i));
            }
        }
    }

    private void assignFixed() {
        for (Service s : ServiceCatalogue.SERVICES) {
            ports.put(s.module(), s.devPort());
            if (s.hasManagementPort()) {
                managementPorts.put(s.module(), s.devManagementPort());
            }
        }
        String gatewayPort = settings.env("GATEWAY_PORT", null);
        if (gatewayPort != null) {
            try {
                ports.put(ServiceCatalogue.API_GATEWAY, Integer.parseInt(gatewayPort.trim()));
            } catch (NumberFormatException e) {
                throw new LocalStackException("GATEWAY_PORT must be a port number, got " + gatewayPort);
            }
        }
        List<String> busy = new ArrayList<>();
        settings.selectedModules.forEach(m -> checkFree(ports.get(m), m, busy));
        settings.selectedModules.stream().filter(managementPorts::containsKey)
                .forEach(m -> checkFree(managementPorts.get(m), m + "'s health and metrics", busy));
        checkFree(DEV_IDP_PORT, "identity provider", busy);
        if (settings.env("ASHBY_BASE_URL", null) == null) {
            checkFree(DEV_ASHBY_SANDBOX_PORT, "Ashby sandbox", busy);
        }
        if (settings.env("SMTP_HOST", null) == null) {
            checkFree(DEV_SMTP_PORT, "SMTP catcher", busy);
            checkFree(DEV_SMTP_HTTP_PORT, "SMTP catcher's HTTP view", busy);
        }
        if (settings.env("KAFKA_BOOTSTRAP_SERVERS", null) == null) {
            checkFree(DEV_KAFKA_PORT, "Kafka", busy);
            checkFree(DEV_KAFKA_CONTROLLER_PORT, "Kafka controller", busy);
        }
        if (!busy.isEmpty()) {
            throw new LocalStackException("ports already in use: " + String.join(", ", busy)
                    + ". Is another local stack running? Stop it (Ctrl-C) or free the ports"
                    + " (the gateway's can be moved with GATEWAY_PORT).");
        }
    }

    private static void checkFree(int port, String what, List<String> busy) {
        if (!Ports.isFree(port)) {
            busy.add(port + " (" + what + ")");
        }
    }

    /** Where an in-process server listens: its fixed port in development, 0 (any free one) in tests. */
    int listenPort(int devPort) {
        return settings.development() ? devPort : 0;
    }

    /** The port a module listens on; fails before {@link #assign()}. */
    int port(String module) {
        ServiceCatalogue.service(module);
        Integer port = ports.get(module);
        if (port == null) {
            throw new IllegalStateException("the stack is not started");
        }
        return port;
    }

    /** The module's management port, or null when it serves health and metrics on its main port. */
    Integer managementPort(String module) {
        return managementPorts.get(module);
    }

    /** {@code http://127.0.0.1:<port>} of a module. */
    String url(String module) {
        return "http://127.0.0.1:" + port(module);
    }

    /** Where a module answers {@code /q/health} and {@code /q/metrics}. */
    String managementUrl(String module) {
        port(module);
        Integer port = managementPorts.get(module);
        return port == null ? url(module) : "http://127.0.0.1:" + port;
    }
}

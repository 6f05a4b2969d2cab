package com.truffle.deploy.containers;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Deployments of {@code deploy/kubernetes/services.yaml} as the container smoke test needs them: each service's
 * image, its environment (plain values, and Secret references to resolve), its ports and the port of its readiness
 * probe. Read from the file itself, so the images run with exactly the contract Kubernetes would give them.
 */
record ServiceManifests(List<Deployment> deployments) {

    /** A reference to a key of a Kubernetes Secret ({@code valueFrom.secretKeyRef}). */
    record SecretRef(String secret, String key) {
    }

    /** One variable: a value, or a Secret reference (exactly one is non-null). */
    record EnvVar(String name, String value, SecretRef secretRef) {
    }

    record Deployment(String name, String image, List<EnvVar> env, List<Integer> containerPorts, int readinessPort,
            String readinessPath, String memoryLimit) {
    }

    static ServiceManifests read(Path servicesYaml) {
        List<Deployment> out = new ArrayList<>();
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try (Reader r = Files.newBufferedReader(servicesYaml, StandardCharsets.UTF_8)) {
            for (Object doc : yaml.loadAll(r)) {
                if (doc instanceof Map<?, ?> m && "Deployment".equals(m.get("kind"))) {
                    out.add(deployment(m));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + servicesYaml, e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no Deployment in " + servicesYaml);
        }
        return new ServiceManifests(List.copyOf(out));
    }

    Deployment deployment(String name) {
        return deployments.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Deployment " + name + " in services.yaml"));
    }

    private static Deployment deployment(Map<?, ?> doc) {
        String name = (String) map(doc.get("metadata")).get("name");
        List<?> containers = list(map(map(map(doc.get("spec")).get("template")).get("spec")).get("containers"));
        if (containers.size() != 1) {
            throw new IllegalStateException("Deployment " + name + ": one container expected, found " + containers.size());
        }
        Map<?, ?> c = map(containers.get(0));
        List<EnvVar> env = new ArrayList<>();
        for (Object o : list(c.get("env"))) {
            Map<?, ?> e = map(o);
            String var = (String) e.get("name");
            if (e.get("value") != null) {
                env.add(new EnvVar(var, String.valueOf(e.get("value")), null));
            } else {
                Map<?, ?> ref = map(map(e.get("valueFrom")).get("secretKeyRef"));
                env.add(new EnvVar(var, null, new SecretRef((String) ref.get("name"), (String) ref.get("key"))));
            }
        }
        List<Integer> ports = new ArrayList<>();
        for (Object o : list(c.get("ports"))) {
            ports.add(((Number) map(o).get("containerPort")).intValue());
        }
        Map<?, ?> probe = map(map(c.get("readinessProbe")).get("httpGet"));
        Map<?, ?> limits = map(map(c.get("resources")).get("limits"));
        return new Deployment(name, (String) c.get("image"), List.copyOf(env), List.copyOf(ports),
                ((Number) probe.get("port")).intValue(), (String) probe.get("path"), (String) limits.get("memory"));
    }

    private static Map<?, ?> map(Object o) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalStateException("services.yaml: a mapping expected, found " + o);
    }

    private static List<?> list(Object o) {
        return o == null ? List.of() : (List<?>) o;
    }

    /** The environment as Docker takes it: Secret references resolved by {@code secrets} ("secret/key" -> value). */
    static Map<String, String> resolve(Deployment d, Map<String, String> secrets) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar v : d.env()) {
            if (v.secretRef() == null) {
                env.put(v.name(), v.value());
            } else {
                String id = v.secretRef().secret() + "/" + v.secretRef().key();
                env.put(v.name(), Objects.requireNonNull(secrets.get(id),
                        () -> d.name() + ": " + v.name() + " reads Secret " + id + ", which the smoke test does not provide"));
            }
        }
        return env;
    }
}

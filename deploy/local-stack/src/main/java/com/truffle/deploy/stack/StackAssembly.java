package com.truffle.deploy.stack;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.truffle.deploy.stack.LocalStack.Service;

/**
 * One stack's parts wired to one another, started in order (leftovers of a killed launcher, ports, secrets,
 * PostgreSQL and its databases, Kafka, the fakes, the services) and stopped in reverse, also by a JVM shutdown hook.
 */
final class StackAssembly {

    final StackSettings settings;
    final StackLifecycle lifecycle = new StackLifecycle();
    final StackPorts ports;
    final Infrastructure infrastructure;
    final Fakes fakes;
    final ServiceFleet fleet;
    private StackSecrets secrets;
    private Thread shutdownHook;
    private Duration startupTime;

    StackAssembly(StackSettings settings) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        this.settings = settings;
        this.ports = new StackPorts(settings);
        this.infrastructure = new Infrastructure(settings);
        this.fakes = new Fakes(settings, ports, http);
        this.fleet = new ServiceFleet(settings, ports, lifecycle, http, this::environment);
    }

    /** See {@link LocalStack#start()}. */
    void start() {
        lifecycle.starting();
        long t0 = System.nanoTime();
        shutdownHook = new Thread(this::close, "local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            fleet.checkJars();
            Files.createDirectories(settings.logDir);
            if (settings.development()) {
                fleet.stopLeftoverChildren();
            }
            ports.assign();
            secrets = StackSecrets.loadOrCreate(settings.workDir.resolve("secrets"));
            infrastructure.startPostgres();
            infrastructure.createDatabases();
            lifecycle.abortIfClosed();
            infrastructure.startKafka(secrets);
            lifecycle.abortIfClosed();
            fakes.start();
            lifecycle.abortIfClosed();
            fleet.start(List.copyOf(settings.selectedModules));
            if (settings.developedModule != null) {
                writeDevelopmentEnvironment(settings.developedModule);
            }
            startupTime = Duration.ofNanos(System.nanoTime() - t0);
            lifecycle.running();
        } catch (IOException e) {
            close();
            throw new LocalStackException("could not start the local stack: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            if (!lifecycle.isClosed() && anythingStarted()) {
                settings.out.println("Start failed, stopping what was started...");
            }
            // also when a shutdown hook closed the stack meanwhile: this cleans up what was started since
            close();
            throw e;
        }
    }

    /** See {@link LocalStack#close()}. */
    void close() {
        synchronized (lifecycle) {
            boolean wasStarted = anythingStarted();
            lifecycle.closed();
            removeShutdownHook();
            fleet.stopAll();
            fakes.close();
            infrastructure.close();
            if (!settings.development()) {
                settings.quietly(() -> StackSettings.deleteRecursively(settings.workDir.resolve("secrets")));
                settings.quietly(() -> StackSettings.deleteRecursively(settings.workDir.resolve("postgres")));
            }
            if (wasStarted) {
                settings.out.println("Local stack stopped.");
            }
        }
    }

    private boolean anythingStarted() {
        return !fleet.isEmpty() || fakes.anythingStarted() || infrastructure.anythingStarted();
    }

    private void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
    }

    /** Where {@link #writeDevelopmentEnvironment(String)} writes a module's environment. */
    Path developmentEnvironmentFile(String module) {
        return settings.workDir.resolve("dev").resolve(module + ".env");
    }

    private void writeDevelopmentEnvironment(String module) throws IOException {
        Path file = developmentEnvironmentFile(module);
        ServiceCatalogue.writeDevelopmentEnvironment(ServiceCatalogue.service(module), wiring(), file);
        settings.out.println("Environment of " + module + " for quarkus:dev: " + settings.displayPath(file));
    }

    private ServiceCatalogue.Wiring wiring() {
        return new ServiceCatalogue.Wiring(ports, infrastructure, fakes, secrets, settings.databaseSuffix);
    }

    /** The environment contract of one service, from the parts as they are now. */
    Map<String, String> environment(Service s) {
        return ServiceCatalogue.environment(s, wiring());
    }

    StackSecrets secrets() {
        return secrets;
    }

    Duration startupTime() {
        return startupTime;
    }
}

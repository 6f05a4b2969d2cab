package com.truffle.deploy.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The README's "start everything": {@code deploy/local-stack/run.sh}, or
 * {@code java -cp "deploy/local-stack/target/classes:deploy/local-stack/target/lib/*" com.truffle.deploy.stack.LocalStackMain [repoRoot] [--dev <module>]}
 * from the repository root. With {@code --dev <module>} that module is left out (a developer runs it in
 * {@code quarkus:dev}, see {@code run.sh --dev}) and its environment is written for it. Starts {@link LocalStack#forDevelopment(Path)}, prints where everything is and
 * how to get a token, and runs until Ctrl-C, which stops everything it started.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String root = "";
        String developed = null;
        for (int i = 0; i < args.length; i++) {
            if ("--dev".equals(args[i]) && i + 1 < args.length) {
                developed = args[++i];
            } else {
                root = args[i];
            }
        }
        Path repoRoot = Path.of(root).toAbsolutePath().normalize();
        PrintStream out = System.out;
        out.println("Starting the Truffle local stack from " + repoRoot + " ...");
        LocalStack stack = LocalStack.forDevelopment(repoRoot);
        try {
            if (developed != null) {
                stack.developing(developed);
            }
            stack.start();
        } catch (LocalStackException | IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println();
            System.err.println("The local stack did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        out.println(banner(stack));
        // the stack's shutdown hook stops everything on Ctrl-C / SIGTERM
        Thread.currentThread().join();
    }

    static String banner(LocalStack stack) {
        StringBuilder b = new StringBuilder();
        String nl = System.lineSeparator();
        String idp = stack.idpUrl();
        b.append(nl).append("Truffle local stack is up (started in ")
                .append(String.format(Locale.ROOT, "%.1f s", stack.startupTime().toMillis() / 1e3)).append(')').append(nl)
                .append(nl)
                .append("  Gateway            ").append(stack.gatewayUrl()).append(nl)
                .append("    health, metrics  ").append(stack.managementUrl(LocalStack.API_GATEWAY))
                .append("/q/health  /q/metrics  (management port: never on the public one)").append(nl)
                .append("  Swagger UI").append(nl);
        for (String module : LocalStack.MODULES) {
            b.append(String.format("    %-24s %s/q/swagger-ui%n", module, stack.serviceUrl(module)));
        }
        b.append(nl)
                .append("  Dev identity provider ").append(idp).append("  (issuer ").append(stack.idpIssuer())
                .append(", JWKS ").append(idp).append("/.well-known/jwks.json)").append(nl)
                .append("    a Truffle staff token:").append(nl)
                .append("      curl -s -X POST ").append(idp).append("/tokens -H 'Content-Type: application/json' \\")
                .append(nl)
                .append("        -d '{\"sub\":\"sam\",\"groups\":[\"truffle-staff\"]}'").append(nl)
                .append("    a company-admin token for company acme:").append(nl)
                .append("      curl -s -X POST ").append(idp).append("/tokens -H 'Content-Type: application/json' \\")
                .append(nl)
                .append("        -d '{\"sub\":\"alice\",\"company_id\":\"acme\",\"groups\":[\"company-admin\"]}'").append(nl)
                .append("    then, e.g.:").append(nl)
                .append("      TOKEN=$(curl -s -X POST ").append(idp).append("/tokens -H 'Content-Type: application/json'")
                .append(" -d '{\"sub\":\"alice\",\"company_id\":\"acme\",\"groups\":[\"company-admin\"]}'")
                .append(" | sed -E 's/.*\"token\":\"([^\"]+)\".*/\\1/')").append(nl)
                .append("      curl -s -H \"Authorization: Bearer $TOKEN\" ").append(stack.gatewayUrl())
                .append("/v1/api-access").append(nl)
                .append(nl);
        if (stack.smtpCatcher() != null) {
            b.append("  SMTP catcher       smtp://").append(stack.smtpHost()).append(':').append(stack.smtpPort())
                    .append(", mails at ").append(stack.smtpHttpUrl()).append("/messages").append(nl);
        } else {
            b.append("  SMTP               ").append(stack.smtpHost()).append(':').append(stack.smtpPort())
                    .append(" (SMTP_HOST)").append(nl);
        }
        if (stack.ashbySandbox() != null) {
            b.append("  Ashby sandbox      ").append(stack.ashbySandboxUrl()).append("  (received updates: ")
                    .append(stack.ashbySandboxUrl()).append("/_sandbox/updates)").append(nl);
        } else {
            b.append("  Ashby              ").append(stack.ashbyBaseUrl()).append(" (ASHBY_BASE_URL)").append(nl);
        }
        b.append("  Kafka              ").append(stack.kafkaBootstrapServers()).append(nl)
                .append("  PostgreSQL         ").append(stack.postgresHost()).append(':').append(stack.postgresPort())
                .append(stack.usesEmbeddedPostgres() ? " (embedded)" : "").append(", databases ");
        StringBuilder dbs = new StringBuilder();
        for (LocalStack.Service s : LocalStack.SERVICES) {
            if (s.hasDatabase()) {
                dbs.append(dbs.length() == 0 ? "" : ", ").append(stack.databaseName(s.module()));
            }
        }
        b.append(dbs).append(nl)
                .append("  Logs               ").append(stack.workDir().resolve("logs")).append(nl)
                .append(nl)
                .append("Press Ctrl-C to stop everything.").append(nl);
        return b.toString();
    }
}

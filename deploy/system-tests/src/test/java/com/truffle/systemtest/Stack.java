package com.truffle.systemtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.truffle.deploy.stack.LocalStack;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.specification.RequestSpecification;

/**
 * The one running platform every system test in this JVM shares (starting five JVMs takes a while):
 * started on first use, stopped when the JVM ends. Tests isolate themselves with fresh company ids.
 */
public final class Stack {

    private static LocalStack stack;
    private static LocalStack.GatewayReplica secondGateway;

    public static synchronized LocalStack get() {
        if (stack == null) {
            Path root = Path.of(System.getProperty("truffle.repo.root", "../..")).toAbsolutePath().normalize();
            stack = LocalStack.forTests(root).readinessTimeout(Duration.ofSeconds(180)).start();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stack-stop"));
            RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        }
        return stack;
    }

    /** A second gateway replica behind the same public URL (started on first use, stopped with the stack). */
    public static synchronized LocalStack.GatewayReplica secondGateway() {
        if (secondGateway == null) {
            secondGateway = get().startGatewayReplica();
        }
        return secondGateway;
    }

    /** Requests to the gateway: the only public door. */
    public static RequestSpecification gateway() {
        return RestAssured.given(new RequestSpecBuilder().setBaseUri(get().gatewayUrl()).build());
    }

    public static String staffToken() {
        return get().mintToken("reviewer@truffle.dev", null, List.of("truffle-staff"));
    }

    public static String adminToken(String company) {
        return get().mintToken("admin@" + company, company, List.of("company-admin"));
    }

    public static String newCompany() {
        return "co-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Stack() {
    }
}

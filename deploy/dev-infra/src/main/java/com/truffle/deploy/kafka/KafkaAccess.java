package com.truffle.deploy.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on Kafka: one principal per service and the least privilege each needs (only key-service writes
 * the key topics; the gateway only reads the key state and sign-outs, and writes usage and sign-outs; …). The
 * in-process broker of the local stack enforces exactly these ACLs, and deploy/kubernetes/kafka.yaml declares the
 * same ones as Strimzi {@code KafkaUser}s (a test compares the two).
 */
public final class KafkaAccess {

    public enum Resource {
        TOPIC, GROUP
    }

    public enum Operation {
        /** Consume (a topic) or join and commit (a group). Implies describe. */
        READ,
        /** Produce. Implies describe. */
        WRITE
    }

    /** One grant: {@code user} may {@code operation} the {@code resource} named {@code name} (a prefix when {@code prefixed}). */
    public record Grant(String user, Resource resource, String name, boolean prefixed, Operation operation) {
    }

    public static final String KEY_SERVICE = "key-service";
    public static final String ACCESS_REQUEST_SERVICE = "access-request-service";
    public static final String SCREENING_SERVICE = "screening-service";
    public static final String ASHBY_CONNECTOR = "ashby-connector-service";
    public static final String API_GATEWAY = "api-gateway";

    public static final List<String> USERS = List.of(KEY_SERVICE, ACCESS_REQUEST_SERVICE, SCREENING_SERVICE, ASHBY_CONNECTOR,
            API_GATEWAY);

    public static final List<Grant> GRANTS = List.of(
            // key-service: the only writer of key events and key state; reads access decisions and usage
            writes(KEY_SERVICE, "truffle.keys.v1"),
            writes(KEY_SERVICE, "truffle.keys.state.v1"),
            writes(KEY_SERVICE, "truffle.access.v1.dlq.key-service"),
            writes(KEY_SERVICE, "truffle.gateway.usage.v1.dlq.key-service"),
            reads(KEY_SERVICE, "truffle.access.v1"),
            reads(KEY_SERVICE, "truffle.gateway.usage.v1"),
            new Grant(KEY_SERVICE, Resource.GROUP, "key-service", false, Operation.READ),
            // access-request-service: the only writer of access decisions
            writes(ACCESS_REQUEST_SERVICE, "truffle.access.v1"),
            // screening-service: its own events; Ashby's commands from the connector
            writes(SCREENING_SERVICE, "truffle.screening.v1"),
            reads(SCREENING_SERVICE, "truffle.ashby.v1"),
            new Grant(SCREENING_SERVICE, Resource.GROUP, "screening-service", false, Operation.READ),
            // ashby-connector-service: its commands; screening progress, plans and partner-key events
            writes(ASHBY_CONNECTOR, "truffle.ashby.v1"),
            reads(ASHBY_CONNECTOR, "truffle.screening.v1"),
            reads(ASHBY_CONNECTOR, "truffle.access.v1"),
            reads(ASHBY_CONNECTOR, "truffle.keys.v1"),
            new Grant(ASHBY_CONNECTOR, Resource.GROUP, "ashby-connector-service.", true, Operation.READ),
            // api-gateway: reads the key state (never writes it), sign-outs both ways, usage out
            reads(API_GATEWAY, "truffle.keys.state.v1"),
            reads(API_GATEWAY, "truffle.gateway.sessions.v1"),
            writes(API_GATEWAY, "truffle.gateway.sessions.v1"),
            writes(API_GATEWAY, "truffle.gateway.usage.v1"));

    private static Grant reads(String user, String topic) {
        return new Grant(user, Resource.TOPIC, topic, false, Operation.READ);
    }

    private static Grant writes(String user, String topic) {
        return new Grant(user, Resource.TOPIC, topic, false, Operation.WRITE);
    }

    public static Map<String, List<Grant>> byUser() {
        return GRANTS.stream().collect(Collectors.groupingBy(Grant::user));
    }

    /** The grants as Kafka ACL bindings for {@code User:<name>} principals, allowed from any host. */
    public static List<AclBinding> aclBindings() {
        List<AclBinding> out = new ArrayList<>();
        for (Grant g : GRANTS) {
            ResourcePattern pattern = new ResourcePattern(g.resource() == Resource.TOPIC ? ResourceType.TOPIC : ResourceType.GROUP,
                    g.name(), g.prefixed() ? PatternType.PREFIXED : PatternType.LITERAL);
            AclOperation op = g.operation() == Operation.READ ? AclOperation.READ : AclOperation.WRITE;
            out.add(new AclBinding(pattern, new AccessControlEntry("User:" + g.user(), "*", op, AclPermissionType.ALLOW)));
        }
        return out;
    }

    private KafkaAccess() {
    }
}

package com.truffle.gateway.domain.problem;

/**
 * A {@link Denial} as {@code application/problem+json} (RFC 9457), in the members and order of the services'
 * problems (platform service-kit): type, title, status, detail, the extensions, request_id.
 */
public final class ProblemDocument {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static String render(Denial d, String requestId) {
        StringBuilder sb = new StringBuilder(256).append('{');
        member(sb, "type", d.type()).append(',');
        member(sb, "title", d.title()).append(',');
        sb.append("\"status\":").append(d.status()).append(',');
        member(sb, "detail", d.detail());
        if (d.requiredPermission() != null) {
            member(sb.append(','), "required_permission", d.requiredPermission());
        }
        if (d.grantedPermission() != null) {
            member(sb.append(','), "granted_permission", d.grantedPermission());
        }
        if (d.retryAfterSeconds() > 0) {
            sb.append(",\"retry_after_seconds\":").append(d.retryAfterSeconds());
        }
        if (requestId != null) {
            member(sb.append(','), "request_id", requestId);
        }
        return sb.append('}').toString();
    }

    /** {@code "name":"value"} with JSON escaping (null: {@code null}). */
    static StringBuilder member(StringBuilder sb, String name, String value) {
        sb.append('"').append(name).append("\":");
        return quoted(sb, value);
    }

    /** A JSON string (null: {@code null}). */
    static StringBuilder quoted(StringBuilder sb, String value) {
        if (value == null) {
            return sb.append("null");
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    private ProblemDocument() {
    }
}

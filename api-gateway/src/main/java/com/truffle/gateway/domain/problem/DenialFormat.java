package com.truffle.gateway.domain.problem;

/**
 * The body a denial is written in, by where the request went (DESIGN §4): problem+json everywhere, except on the
 * Ashby partner routes, which speak Ashby's envelope (reference §5, §6) —
 * {@code {"success":false,"errors":[code],"errorInfo":{"code","message","requestId","meta":{…}}}} — with the same
 * HTTP status and headers. {@code code} is the problem's slug in snake_case, as Ashby's own codes are;
 * {@code meta} carries the problem's extensions.
 */
public enum DenialFormat {

    PROBLEM(ProblemDocument.MEDIA_TYPE) {
        @Override
        public String render(Denial d, String requestId) {
            return ProblemDocument.render(d, requestId);
        }
    },

    ASHBY_ENVELOPE("application/json") {
        @Override
        public String render(Denial d, String requestId) {
            // Ashby's codes are snake_case (invalid_input): the problem's slug, spelled that way
            String code = d.slug().replace('-', '_');
            StringBuilder sb = new StringBuilder(256).append("{\"success\":false,\"errors\":[");
            ProblemDocument.quoted(sb, code).append("],\"errorInfo\":{");
            ProblemDocument.member(sb, "code", code).append(',');
            ProblemDocument.member(sb, "message", d.detail());
            if (requestId != null) {
                ProblemDocument.member(sb.append(','), "requestId", requestId);
            }
            StringBuilder meta = new StringBuilder();
            if (d.requiredPermission() != null) {
                ProblemDocument.member(meta, "required_permission", d.requiredPermission());
            }
            if (d.grantedPermission() != null) {
                ProblemDocument.member(meta.isEmpty() ? meta : meta.append(','), "granted_permission", d.grantedPermission());
            }
            if (d.retryAfterSeconds() > 0) {
                (meta.isEmpty() ? meta : meta.append(',')).append("\"retry_after_seconds\":").append(d.retryAfterSeconds());
            }
            if (!meta.isEmpty()) {
                sb.append(",\"meta\":{").append(meta).append('}');
            }
            return sb.append("}}").toString();
        }
    };

    /** Where Ashby calls Truffle: its answers, denials included, are in Ashby's shape. */
    public static final String ASHBY_PARTNER_PATHS = "/partners/ashby/";

    private final String mediaType;

    DenialFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public abstract String render(Denial d, String requestId);

    public static DenialFormat forPath(String path) {
        return path != null && path.startsWith(ASHBY_PARTNER_PATHS) ? ASHBY_ENVELOPE : PROBLEM;
    }
}

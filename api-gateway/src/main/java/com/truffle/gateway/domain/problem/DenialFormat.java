package com.truffle.gateway.domain.problem;

import com.truffle.gateway.domain.routing.CredentialType;
import com.truffle.gateway.domain.routing.Route;

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
    },

    /** A page a person reads in a browser: the same words as the problem, in Truffle's look, with a way on. */
    HTML("text/html;charset=UTF-8") {
        @Override
        public String render(Denial d, String requestId) {
            boolean signIn = d.status() == 401 || d.slug().startsWith("sign-in");
            StringBuilder sb = new StringBuilder(1024).append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
            HtmlText.escape(sb, d.title()).append(" · Truffle</title><link rel=\"stylesheet\" href=\"/assets/truffle.css\"></head>")
                    .append("<body><header class=\"topbar\"><a class=\"brand\" href=\"/\"><span>Truffle</span></a></header>")
                    .append("<div class=\"shell\"><main id=\"main\"><div class=\"narrow\"><section class=\"card\"><h1>");
            HtmlText.escape(sb, d.title()).append("</h1><p>");
            HtmlText.escape(sb, d.detail()).append("</p><p><a class=\"button\" href=\"")
                    .append(signIn ? "/login\">Sign in" : "/\">Go to Truffle").append("</a></p>");
            if (requestId != null) {
                HtmlText.escape(sb.append("<p class=\"lede\">Request id <code>"), requestId).append("</code></p>");
            }
            return sb.append("</section></div></main></div></body></html>").toString();
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

    /**
     * The format for a request: HTML on the pages (routes a browser session takes), and for a path no route knows
     * when a browser asked for a page (Accept names text/html) outside the JSON API; else {@link #forPath}.
     */
    public static DenialFormat forRequest(Route route, String path, String accept) {
        if (route != null) {
            return route.access().credential() == CredentialType.BROWSER ? HTML : forPath(path);
        }
        boolean api = path != null && (path.startsWith("/v1/") || path.startsWith(ASHBY_PARTNER_PATHS) || path.startsWith("/internal"));
        return !api && accept != null && accept.contains("text/html") ? HTML : forPath(path);
    }
}

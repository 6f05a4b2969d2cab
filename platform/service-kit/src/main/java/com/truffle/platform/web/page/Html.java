package com.truffle.platform.web.page;

import java.net.URI;

import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * The HTTP answers of a page: HTML in UTF-8, never cached (pages show personal data and, once, secrets), and
 * 303 See Other after a form post that changed something (so a reload does not post again).
 */
public final class Html {

    public static final String MEDIA_TYPE = "text/html;charset=UTF-8";

    public static RestResponse<String> ok(String body) {
        return status(200, body);
    }

    public static RestResponse<String> status(int status, String body) {
        // create(int, String) would take the body for a reason phrase
        return RestResponse.ResponseBuilder.<String>create(status).entity(body)
                .header(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /** To a path of the same site (never an absolute URL taken from input). */
    public static RestResponse<String> seeOther(String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//")) {
            throw new IllegalArgumentException("a redirect stays on this site: " + path);
        }
        // the header as given: location(URI) would make it absolute with this service's own address, which the
        // browser (behind the gateway) must never see
        return RestResponse.ResponseBuilder.<String>create(RestResponse.Status.SEE_OTHER)
                .header(HttpHeaders.LOCATION, URI.create(path).toASCIIString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private Html() {
    }
}

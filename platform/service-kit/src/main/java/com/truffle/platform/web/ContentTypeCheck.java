package com.truffle.platform.web;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A {@code Content-Type} that does not parse (empty, non-ASCII, no subtype) is the caller's mistake: refused as 415
 * before routing, where Quarkus REST would otherwise fail to choose between two resources on one path and answer 500.
 * The refusal goes through the exception mappers, so each route family answers in its own format.
 */
public class ContentTypeCheck {

    @ServerRequestFilter(preMatching = true)
    public void refuseUnreadable(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return;
        }
        try {
            MediaType parsed = MediaType.valueOf(contentType);
            if (parsed.getType().isBlank() || parsed.getSubtype().isBlank() || !isAscii(contentType)) {
                throw new IllegalArgumentException("no type or subtype");
            }
        } catch (IllegalArgumentException e) {
            throw new NotSupportedException("unreadable Content-Type");
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7e || s.charAt(i) < 0x20 && s.charAt(i) != '\t') {
                return false;
            }
        }
        return true;
    }
}

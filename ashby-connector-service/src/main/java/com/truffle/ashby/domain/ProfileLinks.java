package com.truffle.ashby.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a screening's result page lives on Truffle's public site ({@code <public url>/screenings/<id>}, served by
 * screening-service through the gateway): the link Ashby shows on the candidate's profile.
 */
public record ProfileLinks(String publicBaseUrl) {

    public ProfileLinks {
        Objects.requireNonNull(publicBaseUrl, "public base url");
        if (!publicBaseUrl.startsWith("http://") && !publicBaseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("the public URL must be an absolute http(s) URL");
        }
        while (publicBaseUrl.endsWith("/")) {
            publicBaseUrl = publicBaseUrl.substring(0, publicBaseUrl.length() - 1);
        }
    }

    public String forScreening(String screeningId) {
        if (screeningId == null || screeningId.isBlank()) {
            return publicBaseUrl + "/"; // not linked yet: Truffle's start page (sign-in), never a page that does not exist
        }
        return publicBaseUrl + "/screenings/" + URLEncoder.encode(screeningId, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

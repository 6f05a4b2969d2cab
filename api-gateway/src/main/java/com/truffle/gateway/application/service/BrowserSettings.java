package com.truffle.gateway.application.service;

import java.time.Duration;

import com.truffle.gateway.domain.access.CrossSiteCheck;

/**
 * People in browsers: the public URL they use (the sign-in callback, the origin a state-changing request must
 * come from, Secure cookies under https) and how long a session may last at most (it never outlives the
 * identity provider's ID token either).
 */
public record BrowserSettings(String publicUrl, Duration sessionMaxLifetime, Duration loginLifetime) {

    public BrowserSettings {
        while (publicUrl.endsWith("/")) {
            publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        }
    }

    public boolean https() {
        return publicUrl.startsWith("https://");
    }

    public String callbackUrl() {
        return publicUrl + "/auth/callback";
    }

    public CrossSiteCheck crossSiteCheck() {
        return new CrossSiteCheck(CrossSiteCheck.originOf(publicUrl));
    }
}

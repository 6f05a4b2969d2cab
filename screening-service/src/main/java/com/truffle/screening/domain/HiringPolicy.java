package com.truffle.screening.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * The tunable rules of the hiring API (from configuration): how long an invitation link is valid, where screener
 * links point, how mails and webhooks are retried, when an endpoint is disabled.
 */
public record HiringPolicy(Duration invitationValidity, String publicUrl, RetryPolicy mailRetry, RetryPolicy webhookRetry,
        int webhookDisableAfter, boolean webhookRequireHttps, int maxWebhooksPerCompany) {

    public HiringPolicy {
        Objects.requireNonNull(invitationValidity, "invitationValidity");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(mailRetry, "mailRetry");
        Objects.requireNonNull(webhookRetry, "webhookRetry");
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** The candidate's link: {@code <public url>/screener/<token>}. */
    public String screenerLink(String token) {
        return publicUrl + "/screener/" + token;
    }
}

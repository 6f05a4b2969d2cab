package com.truffle.screening.domain;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A company's webhook endpoint: where to POST which event types, signed with a secret that is shown once.
 * Repeated failures disable it (so a dead endpoint stops costing retries); a success resets the count.
 */
public final class Webhook {

    public enum Status { ACTIVE, DISABLED }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookId id;
    private final CompanyId companyId;
    private final String url;
    private final List<String> eventTypes;
    private final String description;
    private final String secret;
    private Status status;
    private int consecutiveFailures;
    private final Instant createdAt;
    private Instant disabledAt;
    private String disabledReason;

    public Webhook(WebhookId id, CompanyId companyId, String url, List<String> eventTypes, String description, String secret,
            Status status, int consecutiveFailures, Instant createdAt, Instant disabledAt, String disabledReason) {
        this.id = Objects.requireNonNull(id);
        this.companyId = Objects.requireNonNull(companyId);
        this.url = Objects.requireNonNull(url);
        this.eventTypes = List.copyOf(eventTypes);
        this.description = description;
        this.secret = Objects.requireNonNull(secret);
        this.status = Objects.requireNonNull(status);
        this.consecutiveFailures = consecutiveFailures;
        this.createdAt = Objects.requireNonNull(createdAt);
        this.disabledAt = disabledAt;
        this.disabledReason = disabledReason;
    }

    public static Webhook register(CompanyId companyId, String url, List<String> eventTypes, String description,
            boolean requireHttps, Instant now) {
        String checkedUrl = checkUrl(url, requireHttps);
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (int i = 0; i < eventTypes.size(); i++) {
            String t = eventTypes.get(i);
            if (!ScreeningEvent.TYPES.contains(t)) {
                throw ScreeningRuleViolation.invalid("event_types[" + i + "]", "must be one of " + ScreeningEvent.TYPES);
            }
            types.add(t);
        }
        if (types.isEmpty()) {
            throw ScreeningRuleViolation.invalid("event_types", "must name at least one event type");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Webhook(WebhookId.random(), companyId, checkedUrl, List.copyOf(types), Job.blankToNull(description), secret,
                Status.ACTIVE, 0, now, null, null);
    }

    static String checkUrl(String url, boolean requireHttps) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw ScreeningRuleViolation.invalid("url", "must be an absolute http(s) URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http") && !requireHttps) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw ScreeningRuleViolation.invalid("url", requireHttps ? "must be an absolute https URL without credentials"
                    : "must be an absolute http(s) URL without credentials");
        }
        return uri.toString();
    }

    public boolean wants(String eventType) {
        return status == Status.ACTIVE && eventTypes.contains(eventType);
    }

    public void recordSuccess() {
        consecutiveFailures = 0;
    }

    /** Counts a failed attempt; returns true when this failure disabled the endpoint. */
    public boolean recordFailure(int disableAfter, Instant now) {
        consecutiveFailures++;
        if (status == Status.ACTIVE && consecutiveFailures >= disableAfter) {
            status = Status.DISABLED;
            disabledAt = now;
            disabledReason = "Disabled after " + consecutiveFailures + " failed delivery attempts in a row.";
            return true;
        }
        return false;
    }

    public WebhookId id() {
        return id;
    }

    public CompanyId companyId() {
        return companyId;
    }

    public String url() {
        return url;
    }

    public List<String> eventTypes() {
        return eventTypes;
    }

    public String description() {
        return description;
    }

    /** The signing secret: returned to the API caller only in the registration answer. */
    public String secret() {
        return secret;
    }

    public Status status() {
        return status;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant disabledAt() {
        return disabledAt;
    }

    public String disabledReason() {
        return disabledReason;
    }
}

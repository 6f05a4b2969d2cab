package com.truffle.ashby.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One company's Ashby connection: the aggregate behind the integration card. It holds the encrypted Ashby key,
 * the id of the partner key Ashby uses, the health shown to the admin and the last successful exchange.
 * Commands return the events they caused; the caller stores state and events in one transaction.
 */
public final class AshbyConnection {

    public static final String ASHBY_KEY_REJECTED = "Ashby rejected the API key — reconnect";
    public static final String PARTNER_KEY_REVOKED =
            "The Truffle key Ashby uses was revoked — reconnect to issue a new one";
    public static final String DISCONNECTED_MESSAGE = "Disconnected — connect again to send screening results to Ashby";
    public static final String RETRYING_MESSAGE = "Retrying the results that were waiting for Ashby.";

    private final CompanyId companyId;
    private ConnectionStatus status;
    private String message;
    private SealedAshbyKey ashbyKey;
    private String partnerKeyId;
    /** True while Ashby rejects the stored key: deliveries wait for the admin instead of failing one by one. */
    private boolean deliveriesHeld;
    /** True when the hold is because retries ran out (not a rejected key): the admin can retry from the card. */
    private boolean deliveriesGaveUp;
    private Instant lastActivityAt;
    private Instant connectedAt;
    private final long version;

    public AshbyConnection(CompanyId companyId, ConnectionStatus status, String message, SealedAshbyKey ashbyKey,
            String partnerKeyId, boolean deliveriesHeld, boolean deliveriesGaveUp, Instant lastActivityAt, Instant connectedAt,
            long version) {
        this.companyId = Objects.requireNonNull(companyId);
        this.status = Objects.requireNonNull(status);
        this.message = message;
        this.ashbyKey = ashbyKey;
        this.partnerKeyId = partnerKeyId;
        this.deliveriesHeld = deliveriesHeld;
        this.deliveriesGaveUp = deliveriesHeld && deliveriesGaveUp;
        this.lastActivityAt = lastActivityAt;
        this.connectedAt = connectedAt;
        this.version = version;
    }

    /** A company that never connected. */
    public static AshbyConnection notConnected(CompanyId companyId) {
        return new AshbyConnection(companyId, ConnectionStatus.NOT_CONNECTED, null, null, null, false, false, null, null, -1);
    }

    public List<AshbyEvent> connect(SealedAshbyKey key, PartnerKey partnerKey, Instant now) {
        if (status.isActive()) {
            throw new AshbyRuleViolation(AshbyRuleViolation.Rule.ALREADY_CONNECTED,
                    "Ashby is already connected; reconnect to issue a new Truffle key, or disconnect first.");
        }
        this.ashbyKey = Objects.requireNonNull(key);
        this.partnerKeyId = partnerKey.id();
        this.connectedAt = now;
        healthy();
        return List.of(new AshbyEvent.AshbyConnected(companyId, partnerKey.id(), now));
    }

    /** A new partner key (the old one dies at once), optionally a new Ashby key; whatever was wrong is cleared. */
    public List<AshbyEvent> reconnect(SealedAshbyKey newKeyOrNull, PartnerKey partnerKey, Instant now) {
        requireActive();
        if (newKeyOrNull != null) {
            this.ashbyKey = newKeyOrNull;
        }
        this.partnerKeyId = partnerKey.id();
        this.connectedAt = now;
        healthy();
        return List.of(new AshbyEvent.AshbyConnected(companyId, partnerKey.id(), now));
    }

    /** Idempotent: disconnecting what is not connected changes nothing and says nothing. */
    public List<AshbyEvent> disconnect(Instant now) {
        if (!status.isActive()) {
            return List.of();
        }
        status = ConnectionStatus.DISCONNECTED;
        message = DISCONNECTED_MESSAGE;
        ashbyKey = null;
        deliveriesHeld = false;
        deliveriesGaveUp = false;
        return List.of(new AshbyEvent.AshbyDisconnected(companyId, partnerKeyId, now));
    }

    /** Ashby is failing (5xx, 429, timeout): results wait and are retried. Never hides a worse state. */
    public void deliveryFailing(String why) {
        if (status == ConnectionStatus.CONNECTED || status == ConnectionStatus.DEGRADED) {
            status = ConnectionStatus.DEGRADED;
            message = why;
        }
    }

    /** Ashby answered 401/403 to the stored key: only the admin can fix that. */
    public void ashbyKeyRejected() {
        if (status.isActive()) {
            status = ConnectionStatus.ACTION_NEEDED;
            message = ASHBY_KEY_REJECTED;
            deliveriesHeld = true;
            deliveriesGaveUp = false;
        }
    }

    /**
     * A result kept failing for the whole give-up age: retrying stops (the company's results wait, none is lost) until
     * the admin retries from the card. Never hides a worse state (a rejected key: reconnecting is the fix there).
     */
    public void deliveriesGaveUp(Duration after, String lastError) {
        if (status == ConnectionStatus.CONNECTED || status == ConnectionStatus.DEGRADED) {
            status = ConnectionStatus.ACTION_NEEDED;
            message = "Ashby has not accepted results for " + hours(after) + " (last answer: " + lastError + "). Truffle stopped "
                    + "retrying; your results are kept. Retry once Ashby works again.";
            deliveriesHeld = true;
            deliveriesGaveUp = true;
        }
    }

    /** Whether the card offers "Retry now": results are waiting (backing off, or given up) and retrying can help. */
    public boolean canRetryDeliveries() {
        return deliveriesGaveUp || status == ConnectionStatus.DEGRADED;
    }

    /**
     * The admin asks to send the waiting results now. A rejected key or a revoked partner key is fixed by
     * reconnecting, not by retrying; with nothing waiting this changes nothing.
     */
    public void retryDeliveries() {
        requireActive();
        if (status == ConnectionStatus.ACTION_NEEDED && !deliveriesGaveUp) {
            throw new AshbyRuleViolation(AshbyRuleViolation.Rule.RECONNECT_REQUIRED, message + ": retrying cannot fix this.");
        }
        if (deliveriesGaveUp) {
            status = ConnectionStatus.DEGRADED;
            message = RETRYING_MESSAGE;
            deliveriesHeld = false;
            deliveriesGaveUp = false;
        }
    }

    /**
     * An update reached Ashby: that is activity, and the connection is healthy again unless other results of
     * this company are still failing.
     */
    public void delivered(Instant now, boolean othersStillFailing) {
        touch(now);
        if (status == ConnectionStatus.DEGRADED && !othersStillFailing) {
            status = ConnectionStatus.CONNECTED;
            message = null;
        }
    }

    /** The same Ashby key, sealed again under the current encryption key (after a rotation). */
    public void resealed(SealedAshbyKey key) {
        if (ashbyKey != null) {
            ashbyKey = Objects.requireNonNull(key);
        }
    }

    /** Ashby started an assessment with us: activity. */
    public void startReceived(Instant now) {
        touch(now);
    }

    /** key-service says a key was revoked; if it is the one Ashby uses, Ashby can no longer call us. */
    public void partnerKeyRevoked(String keyId) {
        if (status.isActive() && keyId != null && keyId.equals(partnerKeyId)) {
            status = ConnectionStatus.ACTION_NEEDED;
            message = PARTNER_KEY_REVOKED;
        }
    }

    private void healthy() {
        status = ConnectionStatus.CONNECTED;
        message = null;
        deliveriesHeld = false;
        deliveriesGaveUp = false;
    }

    private static String hours(Duration d) {
        long h = d.toHours();
        return h >= 1 ? h + (h == 1 ? " hour" : " hours") : d.toMinutes() + " minutes";
    }

    private void touch(Instant now) {
        if (lastActivityAt == null || now.isAfter(lastActivityAt)) {
            lastActivityAt = now;
        }
    }

    private void requireActive() {
        if (!status.isActive()) {
            throw new AshbyRuleViolation(AshbyRuleViolation.Rule.NOT_CONNECTED,
                    "Ashby is not connected; connect with an Ashby API key first.");
        }
    }

    public CompanyId companyId() {
        return companyId;
    }

    public ConnectionStatus status() {
        return status;
    }

    public String message() {
        return message;
    }

    public SealedAshbyKey ashbyKey() {
        return ashbyKey;
    }

    public String partnerKeyId() {
        return partnerKeyId;
    }

    public boolean deliveriesHeld() {
        return deliveriesHeld;
    }

    public boolean deliveriesGaveUp() {
        return deliveriesGaveUp;
    }

    public Instant lastActivityAt() {
        return lastActivityAt;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    public long version() {
        return version;
    }

    public boolean isNew() {
        return version < 0;
    }
}

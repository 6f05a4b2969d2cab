package com.truffle.screening.domain;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A company's settings for the hiring API: the name shown to candidates, the sender name of invitation mails
 * and the time zone dates are shown in to people (the API itself always speaks UTC).
 */
public record AccountSettings(CompanyId companyId, String displayName, String senderName, ZoneId timezone) {

    public AccountSettings {
        Objects.requireNonNull(companyId, "company id");
        Objects.requireNonNull(timezone, "timezone");
    }

    /** What a company that never changed its settings has. */
    public static AccountSettings defaults(CompanyId companyId) {
        return new AccountSettings(companyId, null, null, ZoneId.of("UTC"));
    }

    /**
     * The name candidates see in the From of their invitation: the company's, never Truffle's (the sender name, else
     * the display name, else the company's id as the identity provider knows it).
     */
    public String effectiveSenderName() {
        if (senderName != null) {
            return senderName;
        }
        return effectiveDisplayName();
    }

    /** The company's name as candidates see it (the display name, else the company's id). */
    public String effectiveDisplayName() {
        return displayName != null ? displayName : companyId.value();
    }

    /** Applies the given changes (null = unchanged; blank names reset to the default). */
    public AccountSettings change(String newDisplayName, String newSenderName, String newTimezone) {
        return new AccountSettings(companyId,
                newDisplayName == null ? displayName : Job.blankToNull(newDisplayName),
                newSenderName == null ? senderName : Job.blankToNull(newSenderName),
                newTimezone == null ? timezone : zone(newTimezone));
    }

    public static ZoneId zone(String id) {
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            throw ScreeningRuleViolation.invalid("timezone", "must be an IANA time zone such as Europe/Paris or UTC");
        }
    }
}

package com.truffle.screening.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** A person a company screens. The email is unique per company (compared case-insensitively). */
public final class Candidate {

    private final CandidateId id;
    private final CompanyId companyId;
    private String firstName;
    private String lastName;
    private String email;
    private String phone;
    private final String externalId;
    private final Instant createdAt;
    private Instant updatedAt;
    private final long version;

    public Candidate(CandidateId id, CompanyId companyId, String firstName, String lastName, String email, String phone,
            String externalId, Instant createdAt, Instant updatedAt, long version) {
        this.id = Objects.requireNonNull(id);
        this.companyId = Objects.requireNonNull(companyId);
        this.firstName = Objects.requireNonNull(firstName);
        this.lastName = Objects.requireNonNull(lastName);
        this.email = normaliseEmail(email);
        this.phone = phone;
        this.externalId = externalId;
        this.createdAt = Objects.requireNonNull(createdAt);
        this.updatedAt = Objects.requireNonNull(updatedAt);
        this.version = version;
    }

    public static Candidate add(CompanyId companyId, String firstName, String lastName, String email, String phone,
            String externalId, Instant now) {
        return new Candidate(CandidateId.random(), companyId, firstName.strip(), lastName.strip(), email,
                Job.blankToNull(phone), Job.blankToNull(externalId), now, now, -1);
    }

    /** Emails are stored trimmed and lower-cased, so "Ada@X.io" and "ada@x.io" are one candidate. */
    public static String normaliseEmail(String email) {
        return Objects.requireNonNull(email, "email").strip().toLowerCase(Locale.ROOT);
    }

    public ScreeningEvent.CandidateAdded added() {
        return new ScreeningEvent.CandidateAdded(companyId, id, email, firstName, lastName, createdAt);
    }

    /** Applies the given changes (null = unchanged, blank phone = remove); null when nothing changed. */
    public ScreeningEvent.CandidateUpdated update(String newFirstName, String newLastName, String newEmail, String newPhone,
            Instant now) {
        boolean changed = false;
        if (newFirstName != null && !newFirstName.strip().equals(firstName)) {
            firstName = newFirstName.strip();
            changed = true;
        }
        if (newLastName != null && !newLastName.strip().equals(lastName)) {
            lastName = newLastName.strip();
            changed = true;
        }
        if (newEmail != null && !normaliseEmail(newEmail).equals(email)) {
            email = normaliseEmail(newEmail);
            changed = true;
        }
        if (newPhone != null && !Objects.equals(Job.blankToNull(newPhone), phone)) {
            phone = Job.blankToNull(newPhone);
            changed = true;
        }
        if (!changed) {
            return null;
        }
        updatedAt = now;
        return new ScreeningEvent.CandidateUpdated(companyId, id, email, firstName, lastName, now);
    }

    public CandidateId id() {
        return id;
    }

    public CompanyId companyId() {
        return companyId;
    }

    public String firstName() {
        return firstName;
    }

    public String lastName() {
        return lastName;
    }

    public String email() {
        return email;
    }

    public String phone() {
        return phone;
    }

    public String externalId() {
        return externalId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}

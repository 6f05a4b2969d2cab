package com.truffle.screening.domain;

import java.time.Instant;
import java.time.ZoneId;

/** The invitation a candidate receives: who from, for which position, the screener link and until when. */
public record InvitationMail(String to, String candidateFirstName, String senderName, String companyName, String jobTitle,
        String link, Instant expiresAt, ZoneId timezone) {

    /** The link carries the candidate's token, their only credential: never printed. */
    @Override
    public String toString() {
        return "InvitationMail[to=" + to + ", jobTitle=" + jobTitle + ", expiresAt=" + expiresAt + ", link=<redacted>]";
    }
}

package com.truffle.ashby.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** The candidate as Ashby describes them in assessment.start; names may be missing in real payloads. */
public record Candidate(String email, String firstName, String lastName, String ashbyId) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public Candidate {
        Objects.requireNonNull(email, "email");
        email = email.trim();
    }

    public static boolean isEmail(String text) {
        return text != null && text.length() <= 320 && EMAIL.matcher(text.trim()).matches();
    }

    public String normalisedEmail() {
        return email.toLowerCase(Locale.ROOT);
    }
}

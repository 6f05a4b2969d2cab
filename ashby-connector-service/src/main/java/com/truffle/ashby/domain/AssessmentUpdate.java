package com.truffle.ashby.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code assessment.update} for Ashby (reference §4.2), checked against Ashby's rules when built: a status
 * unless cancelled, a url-typed profile link whenever there is a result, unique metadata identifiers.
 * {@code timestamp} is milliseconds since the epoch, strictly increasing per assessment (the aggregate sees to it).
 */
public record AssessmentUpdate(String assessmentId, long timestamp, DataValue assessmentStatus,
        DataValue assessmentProfileUrl, DataValue assessmentResult, DataValue cancelledReason, List<DataValue> metadata) {

    public static final String STARTED = "Started";
    public static final String COMPLETED = "Completed";
    static final int MAX_LABEL = 120;

    public AssessmentUpdate {
        Objects.requireNonNull(assessmentId, "assessment_id");
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be milliseconds since the epoch");
        }
        if (assessmentStatus == null && cancelledReason == null) {
            throw new IllegalArgumentException("assessment_status is required unless cancelled_reason is set");
        }
        if (assessmentResult != null && assessmentProfileUrl == null) {
            throw new IllegalArgumentException("assessment_profile_url is required with assessment_result");
        }
        if (assessmentProfileUrl != null && assessmentProfileUrl.type() != DataValueType.URL) {
            throw new IllegalArgumentException("assessment_profile_url must be a url data value");
        }
        metadata = metadata == null ? null : List.copyOf(metadata);
        if (metadata != null) {
            Set<String> seen = new HashSet<>();
            for (DataValue v : metadata) {
                if (!seen.add(v.identifier())) {
                    throw new IllegalArgumentException("metadata identifier used twice: " + v.identifier());
                }
            }
        }
    }

    static DataValue status(String value) {
        return DataValue.of("status", "Status", DataValueType.STRING, value);
    }

    static DataValue profile(String url) {
        return DataValue.of("profile", "View in Truffle", DataValueType.URL, url);
    }

    /** The candidate opened the screening: Ashby records the start time on "Started". */
    public static AssessmentUpdate started(AssessmentId id, long timestamp, String profileUrl) {
        return new AssessmentUpdate(id.toString(), timestamp, status(STARTED), profile(profileUrl), null, null, null);
    }

    /** Sending a result tells Ashby the assessment is complete; per-question scores and the time taken go in metadata. */
    public static AssessmentUpdate completed(AssessmentId id, long timestamp, String profileUrl, ScreeningResult result) {
        List<DataValue> metadata = new ArrayList<>();
        metadata.add(new DataValue("max_score", "Max score", DataValueType.NUMERIC_SCORE, 100, null));
        Long minutes = result.durationMinutes();
        if (minutes != null) {
            metadata.add(new DataValue("duration", "Time taken", DataValueType.NUMERIC_DURATION_MINUTES, minutes, null));
        }
        Set<String> used = new HashSet<>();
        int n = 0;
        for (ScreeningResult.QuestionScore q : result.scores()) {
            n++;
            if (q.score() == null) {
                continue;
            }
            String identifier = "question_" + (q.questionId() == null || q.questionId().isBlank() ? String.valueOf(n) : q.questionId());
            if (!used.add(identifier)) {
                identifier = identifier + "_" + n;
            }
            metadata.add(new DataValue(identifier, label(q.prompt(), "Question " + n), DataValueType.NUMERIC_SCORE, q.score(),
                    "Score for question " + n + " (0-100)"));
        }
        DataValue score = new DataValue("score", "Score", DataValueType.NUMERIC_SCORE, result.score(),
                "Truffle screening score (0-100)");
        return new AssessmentUpdate(id.toString(), timestamp, status(COMPLETED), profile(profileUrl), score, null, metadata);
    }

    /** Sending a cancelled reason tells Ashby the assessment is cancelled (no status needed). */
    public static AssessmentUpdate cancelled(AssessmentId id, long timestamp, String reason) {
        DataValue why = DataValue.of("cancel_reason", "Cancelled", DataValueType.STRING,
                reason == null || reason.isBlank() ? "Cancelled" : reason);
        return new AssessmentUpdate(id.toString(), timestamp, null, null, null, why, null);
    }

    private static String label(String prompt, String fallback) {
        if (prompt == null || prompt.isBlank()) {
            return fallback;
        }
        String p = prompt.strip().replaceAll("\\s+", " ");
        return p.length() <= MAX_LABEL ? p : p.substring(0, MAX_LABEL - 1) + "…";
    }
}

package com.truffle.ashby.domain;

/** Where an assessment Ashby started stands, as far as the connector knows. */
public enum AssessmentStatus {
    /** AssessmentRequested published; screening-service has not invited yet. */
    REQUESTED,
    INVITED,
    STARTED,
    COMPLETED,
    CANCELLED
}

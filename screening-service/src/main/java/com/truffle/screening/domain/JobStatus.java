package com.truffle.screening.domain;

/** OPEN positions accept invitations (and Ashby lists them); CLOSED ones do not. */
public enum JobStatus {
    OPEN,
    CLOSED
}

package com.truffle.access.domain;

/** A company's commercial plan; API access is for paid plans only. */
public enum Plan {
    TRIAL,
    PAID
}

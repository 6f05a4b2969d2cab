package com.truffle.ashby.domain;

/** A company's plan as access-request-service announces it; the Ashby integration is for PAID plans only. */
public enum Plan {
    TRIAL,
    PAID
}

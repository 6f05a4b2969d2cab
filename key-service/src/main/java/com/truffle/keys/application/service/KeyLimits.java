package com.truffle.keys.application.service;

/** How many live keys a company may hold at once. */
public record KeyLimits(int maxActivePerCompany) {

    public KeyLimits {
        if (maxActivePerCompany < 1) {
            throw new IllegalArgumentException("a company must be allowed at least one key");
        }
    }
}

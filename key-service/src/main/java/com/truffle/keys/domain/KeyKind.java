package com.truffle.keys.domain;

/** LIVE: an integration's key (READ/WRITE/ADMIN). ASHBY: the company's Ashby partner key (PARTNER_ASHBY). */
public enum KeyKind {
    LIVE,
    ASHBY
}

package com.truffle.platform.security;

/**
 * The groups the gateway puts in its internal JWT. API-key permissions are expanded by the gateway
 * (WRITE carries READ, ADMIN carries both), so a service simply asks for the level a route needs.
 */
public final class Roles {
    public static final String READ = "READ";
    public static final String WRITE = "WRITE";
    public static final String ADMIN = "ADMIN";
    public static final String PARTNER_ASHBY = "PARTNER_ASHBY";
    public static final String COMPANY_ADMIN = "company-admin";
    public static final String STAFF = "truffle-staff";
    /** A signed-in person of a company, in a browser (pages such as a screening's result). */
    public static final String COMPANY_MEMBER = com.truffle.platform.browser.BrowserContract.COMPANY_MEMBER;
    /** Service-to-service calls that the gateway never issues to the outside (e.g. connector -> key-service). */
    public static final String SERVICE = "truffle-service";

    private Roles() {
    }
}

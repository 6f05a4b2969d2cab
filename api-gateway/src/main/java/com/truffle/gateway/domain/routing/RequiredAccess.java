package com.truffle.gateway.domain.routing;

/**
 * What a route demands of its caller. Every route declares exactly one; the name given by {@link #label()} is
 * what a 403 reports as {@code required_permission}.
 */
public enum RequiredAccess {
    PUBLIC(CredentialType.NONE, "none"),
    READ(CredentialType.API_KEY, "READ"),
    WRITE(CredentialType.API_KEY, "WRITE"),
    ADMIN(CredentialType.API_KEY, "ADMIN"),
    PARTNER_ASHBY(CredentialType.PARTNER_KEY, "PARTNER_ASHBY"),
    COMPANY_ADMIN(CredentialType.SESSION, "company-admin"),
    TRUFFLE_STAFF(CredentialType.SESSION, "truffle-staff"),
    /** A page of Company Settings: a company admin signed in in a browser. */
    COMPANY_ADMIN_PAGE(CredentialType.BROWSER, "company-admin"),
    /** A page any signed-in person of the company reads (a screening's result, linked from Ashby). */
    COMPANY_MEMBER_PAGE(CredentialType.BROWSER, "company-member"),
    /** A page of the staff console. */
    TRUFFLE_STAFF_PAGE(CredentialType.BROWSER, "truffle-staff");

    private final CredentialType credential;
    private final String label;

    RequiredAccess(CredentialType credential, String label) {
        this.credential = credential;
        this.label = label;
    }

    public CredentialType credential() {
        return credential;
    }

    public String label() {
        return label;
    }
}

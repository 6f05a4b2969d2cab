package com.truffle.platform.security;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.truffle.platform.problem.ProblemType;
import com.truffle.platform.browser.BrowserContract;

/**
 * Who is calling, as the gateway vouched for it in the internal JWT (issuer truffle-gateway):
 * the company the data belongs to and the principal ({@code api-key:<id>}, {@code user:<sub>},
 * {@code staff:<sub>}, {@code partner:ashby}).
 */
@RequestScoped
public class Caller {

    public static final String COMPANY_CLAIM = "company_id";
    public static final String PRINCIPAL_CLAIM = "principal";

    @Inject
    JsonWebToken jwt;

    /** The caller's company; a token without one may not touch company data (403). */
    public String companyId() {
        String company = jwt.getClaim(COMPANY_CLAIM);
        if (company == null || company.isBlank()) {
            throw ProblemType.NO_COMPANY.problem("These credentials do not belong to a company.").toException();
        }
        return company;
    }

    public String principal() {
        String principal = jwt.getClaim(PRINCIPAL_CLAIM);
        return principal != null ? principal : jwt.getSubject();
    }

    /** The person's display name (pages), else the principal without its kind ({@code user:alice} → alice). */
    public String name() {
        Object name = jwt.getClaim(BrowserContract.NAME_CLAIM);
        if (name != null && !name.toString().isBlank()) {
            return name.toString();
        }
        String principal = principal();
        return principal == null ? null : principal.substring(principal.indexOf(':') + 1);
    }

    /** The internal JWT as received: to call another service on this caller's behalf (never logged). */
    public String credential() {
        return jwt.getRawToken();
    }

    public Set<String> groups() {
        return jwt.getGroups();
    }
}

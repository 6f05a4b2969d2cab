package com.truffle.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import com.truffle.platform.problem.ProblemException;
import com.truffle.platform.testing.InternalTokens;
import com.truffle.platform.testing.TestKeys;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/** The caller as the gateway vouched for it: tokens as the gateway signs them, verified as a service verifies them. */
class CallerTest {

    static Caller caller(String token) throws ParseException {
        JWTAuthContextInfo trust = new JWTAuthContextInfo(TestKeys.pair().getPublic(), "truffle-gateway");
        trust.setGroupsPath("groups");
        JsonWebToken jwt = new DefaultJWTParser(trust).parse(token);
        Caller caller = new Caller();
        caller.jwt = jwt;
        return caller;
    }

    @Test
    void anApiKeyCallerHasItsCompanyPrincipalAndPermissions() throws Exception {
        String token = InternalTokens.apiKey("acme", "WRITE");
        Caller c = caller(token);

        assertThat(c.companyId()).isEqualTo("acme");
        assertThat(c.principal()).startsWith("api-key:");
        assertThat(c.groups()).containsExactlyInAnyOrder(Roles.READ, Roles.WRITE);
        assertThat(c.credential()).as("to call another service on its behalf").isEqualTo(token);
    }

    @Test
    void aTokenWithoutACompanyMayNotTouchCompanyData() throws Exception {
        Caller staff = caller(InternalTokens.staff());

        ProblemException refused = catchThrowableOfType(ProblemException.class, staff::companyId);

        assertThat(refused.problem().getStatus()).isEqualTo(403);
        assertThat(refused.problem().getType()).endsWith("/no-company");
        assertThat(staff.principal()).isEqualTo("staff:reviewer@truffle.dev");
    }

    @Test
    void aBlankCompanyIsNoCompany() throws Exception {
        Caller blank = caller(InternalTokens.sign("user:x", " ", List.of(Roles.COMPANY_ADMIN)));

        assertThat(catchThrowableOfType(ProblemException.class, blank::companyId).problem().getStatus()).isEqualTo(403);
    }

    @Test
    void theDisplayNameIsThePersonsOrElseThePrincipalWithoutItsKind() throws Exception {
        assertThat(caller(InternalTokens.companyAdminInBrowser("acme", "Ada Admin")).name()).isEqualTo("Ada Admin");
        assertThat(caller(InternalTokens.companyAdmin("acme")).name()).isEqualTo("admin@acme");
        assertThat(caller(InternalTokens.sign("user:bob", "acme", List.of(), " ")).name()).as("a blank name is no name")
                .isEqualTo("bob");
        assertThat(caller(InternalTokens.partnerAshby("acme")).name()).isEqualTo("ashby");
    }
}

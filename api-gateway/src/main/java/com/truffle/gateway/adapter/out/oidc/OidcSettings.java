package com.truffle.gateway.adapter.out.oidc;

import java.util.List;
import java.util.Optional;

/**
 * The OpenID Connect provider people sign in with: its issuer (discovery at {@code <issuer>/.well-known/openid-configuration}),
 * this gateway's client registration, and which ID-token claims carry the company, the groups and the name (they
 * differ between providers: a Keycloak mapper, an Auth0 namespaced claim).
 */
public record OidcSettings(String issuer, String clientId, Optional<String> clientSecret, List<String> scopes,
        String companyClaim, String groupsClaim, String nameClaim) {

    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=<redacted>]";
    }
}

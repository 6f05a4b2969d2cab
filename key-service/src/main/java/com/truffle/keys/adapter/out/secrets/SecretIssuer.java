package com.truffle.keys.adapter.out.secrets;

import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.keys.application.port.out.IssueSecretPort;
import com.truffle.keys.domain.IssuedSecret;
import com.truffle.keys.domain.KeyKind;
import com.truffle.platform.apikeys.ApiKeyFormat;
import com.truffle.platform.apikeys.SecretHasher;

/** Secrets in the shared format (platform/api-keys), hashed with the configured pepper. Nothing here is logged. */
@ApplicationScoped
class SecretIssuer implements IssueSecretPort {

    private final SecureRandom random = new SecureRandom();
    private final SecretHasher hasher;

    @Inject
    SecretIssuer(SecretHasher hasher) {
        this.hasher = hasher;
    }

    @Override
    public IssuedSecret issue(KeyKind kind) {
        String secret = ApiKeyFormat.generate(kind == KeyKind.ASHBY ? com.truffle.platform.apikeys.KeyKind.ASHBY
                : com.truffle.platform.apikeys.KeyKind.LIVE, random);
        return new IssuedSecret(secret, hasher.hashHex(secret), ApiKeyFormat.displayPrefix(secret), ApiKeyFormat.last4(secret));
    }
}

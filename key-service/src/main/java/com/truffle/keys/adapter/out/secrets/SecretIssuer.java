package com.truffle.keys.adapter.out.secrets;

import java.security.SecureRandom;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import com.truffle.keys.application.port.out.IssueSecretPort;
import com.truffle.keys.domain.IssuedSecret;
import com.truffle.keys.domain.KeyKind;
import com.truffle.platform.apikeys.ApiKeyFormat;
import com.truffle.platform.apikeys.SecretHasher;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Secrets in the shared format (platform/api-keys), hashed with the configured pepper. Nothing here is logged. */
@ApplicationScoped
class SecretIssuer implements IssueSecretPort {

    @ConfigProperty(name = "truffle.keys.pepper")
    String pepper;

    private final SecureRandom random = new SecureRandom();
    private SecretHasher hasher;

    @PostConstruct
    void init() {
        hasher = SecretHasher.fromConfig(pepper);
    }

    @Override
    public IssuedSecret issue(KeyKind kind) {
        String secret = ApiKeyFormat.generate(kind == KeyKind.ASHBY ? com.truffle.platform.apikeys.KeyKind.ASHBY
                : com.truffle.platform.apikeys.KeyKind.LIVE, random);
        return new IssuedSecret(secret, hasher.hashHex(secret), ApiKeyFormat.displayPrefix(secret), ApiKeyFormat.last4(secret));
    }
}

package com.truffle.gateway.adapter.out.internaljwt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.out.SignInternalTokenPort;
import com.truffle.gateway.domain.access.Identity;
import com.truffle.platform.browser.BrowserContract;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/** Internal JWTs with SmallRye JWT Build: RS256, {@code iss}, {@code aud}, {@code sub} = {@code principal}, company_id, groups. */
@ApplicationScoped
public class SmallRyeInternalTokenSigner implements SignInternalTokenPort {

    private final PrivateKey key;
    private final String issuer;

    @Inject
    public SmallRyeInternalTokenSigner(InternalJwtSettings settings) {
        this.key = load(settings.privateKeyLocation());
        this.issuer = settings.issuer();
    }

    @Override
    public String sign(Identity identity, List<String> audiences, Instant issuedAt, Instant expiresAt) {
        JwtClaimsBuilder claims = Jwt.issuer(issuer)
                .audience(new LinkedHashSet<>(audiences))
                .subject(identity.principal())
                .claim("principal", identity.principal())
                .groups(new LinkedHashSet<>(identity.groups()))
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString());
        if (identity.companyId() != null) {
            claims.claim("company_id", identity.companyId());
        }
        if (identity.name() != null) {
            claims.claim(BrowserContract.NAME_CLAIM, identity.name());
        }
        return claims.jws().header("typ", "JWT").sign(key);
    }

    static PrivateKey load(String location) {
        String pem;
        try {
            if (location.startsWith("classpath:")) {
                try (InputStream in = Thread.currentThread().getContextClassLoader()
                        .getResourceAsStream(location.substring("classpath:".length()))) {
                    if (in == null) {
                        throw new IllegalStateException("no internal-JWT private key at " + location);
                    }
                    pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
            } else {
                pem = Files.readString(Path.of(location.startsWith("file:") ? location.substring(5) : location));
            }
            return KeyUtils.decodePrivateKey(pem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the internal-JWT private key at " + location, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the internal-JWT private key at " + location + " is not a PKCS#8 RSA key", e);
        }
    }
}

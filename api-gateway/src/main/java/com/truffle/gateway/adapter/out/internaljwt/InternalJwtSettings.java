package com.truffle.gateway.adapter.out.internaljwt;

/** The PKCS#8 PEM private key (file path, file: or classpath: URL) and the issuer of internal JWTs. */
public record InternalJwtSettings(String privateKeyLocation, String issuer) {
}

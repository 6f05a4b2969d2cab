package com.truffle.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * One RSA key pair per test JVM standing in for the gateway's internal-JWT signing key: the private key
 * signs tokens in tests, the public key (written as PEM) is what the service under test trusts.
 * Nothing is committed: keys are made fresh for every run.
 */
public final class TestKeys {

    private static KeyPair pair;
    private static Path publicKeyPem;

    public static synchronized KeyPair pair() {
        if (pair == null) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                pair = g.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return pair;
    }

    public static synchronized Path publicKeyPem() {
        if (publicKeyPem == null) {
            try {
                publicKeyPem = Files.createTempFile("internal-jwt-", ".pem");
                Files.writeString(publicKeyPem, pem("PUBLIC KEY", pair().getPublic().getEncoded()));
                publicKeyPem.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyPem;
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private TestKeys() {
    }
}

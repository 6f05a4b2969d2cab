package com.truffle.deploy.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The secrets the services need, kept in one directory: the gateway's internal-JWT RSA key pair (PKCS#8 and
 * X.509 PEM files, paths handed to the services), the API-key pepper and the Ashby encryption key (base64 of 32
 * random bytes each). Created once and reused: the dev stack keeps them in {@code .local-stack/secrets/},
 * because stored key hashes depend on the pepper and stored Ashby keys on the encryption key; the test stack
 * makes fresh ones in a throw-away directory.
 */
public final class StackSecrets {

    static final String PRIVATE_KEY = "internal-jwt-private.pem";
    static final String PUBLIC_KEY = "internal-jwt-public.pem";
    static final String PEPPER = "key-pepper";
    static final String ASHBY_KEY = "ashby-encryption-key";
    static final String SCREENING_KEY = "screening-encryption-key";
    static final String SESSION_KEY = "session-seal-key";
    static final String KAFKA_PASSWORD_PREFIX = "kafka-password-";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final String keyPepper;
    private final String ashbyEncryptionKey;
    private final String screeningEncryptionKey;
    private final String sessionSecret;

    private StackSecrets(Path dir, String keyPepper, String ashbyEncryptionKey, String screeningEncryptionKey, String sessionSecret) {
        this.dir = dir;
        this.keyPepper = keyPepper;
        this.ashbyEncryptionKey = ashbyEncryptionKey;
        this.screeningEncryptionKey = screeningEncryptionKey;
        this.sessionSecret = sessionSecret;
    }

    /** Loads the secrets in {@code dir}, generating whichever are missing or unreadable. */
    public static StackSecrets loadOrCreate(Path dir) {
        try {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            if (!validKeyPair(dir)) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                KeyPair pair = g.generateKeyPair();
                write(dir.resolve(PRIVATE_KEY), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                write(dir.resolve(PUBLIC_KEY), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
            String pepper = loadOrCreateKey(dir.resolve(PEPPER));
            String ashby = loadOrCreateKey(dir.resolve(ASHBY_KEY));
            String screening = loadOrCreateKey(dir.resolve(SCREENING_KEY));
            String session = loadOrCreateKey(dir.resolve(SESSION_KEY));
            return new StackSecrets(dir, pepper, ashby, screening, session);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the secrets in " + dir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate the internal-JWT key pair", e);
        }
    }

    public Path directory() {
        return dir;
    }

    /** PKCS#8 PEM private key that signs internal JWTs (the gateway's). */
    public Path internalJwtPrivateKey() {
        return dir.resolve(PRIVATE_KEY).toAbsolutePath();
    }

    /** X.509 PEM public key every service verifies internal JWTs with. */
    public Path internalJwtPublicKey() {
        return dir.resolve(PUBLIC_KEY).toAbsolutePath();
    }

    /** Base64 of 32 random bytes: the HMAC pepper of stored API keys. */
    public String keyPepper() {
        return keyPepper;
    }

    /** Base64 of 32 random bytes: the AES-256-GCM key of stored Ashby API keys. */
    public String ashbyEncryptionKey() {
        return ashbyEncryptionKey;
    }

    /** Base64 of 32 random bytes: seals the browser session cookie; the same for every gateway replica. */
    public String sessionSecret() {
        return sessionSecret;
    }

    /**
     * The Kafka password of {@code user} (a service, or the broker's {@code admin}): 32 random bytes, base64url, made
     * on first use and kept with the other secrets. Each service logs in as itself (SCRAM), with its own ACLs.
     */
    public synchronized String kafkaPassword(String user) {
        if (!user.matches("[a-z][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("not a Kafka user name: " + user);
        }
        try {
            Path file = dir.resolve(KAFKA_PASSWORD_PREFIX + user);
            if (Files.isRegularFile(file)) {
                String existing = Files.readString(file).trim();
                if (existing.matches("[A-Za-z0-9_-]{43}")) {
                    return existing;
                }
            }
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            write(file, password + "\n");
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the Kafka password of " + user + " in " + dir, e);
        }
    }

    /** Base64 of 32 random bytes: the AES-256-GCM key of stored webhook signing secrets (screening-service). */
    public String screeningEncryptionKey() {
        return screeningEncryptionKey;
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static byte[] der(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /** True when both PEM files exist, parse, and the public key belongs to the private key. */
    private static boolean validKeyPair(Path dir) {
        Path priv = dir.resolve(PRIVATE_KEY);
        Path pub = dir.resolve(PUBLIC_KEY);
        if (!Files.isRegularFile(priv) || !Files.isRegularFile(pub)) {
            return false;
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(der(Files.readString(priv))));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new java.security.spec.X509EncodedKeySpec(der(Files.readString(pub))));
            RSAPublicKey derived = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return derived.getModulus().equals(publicKey.getModulus());
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            return false;
        }
    }

    private static String loadOrCreateKey(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String existing = Files.readString(file).trim();
            try {
                if (Base64.getDecoder().decode(existing).length >= 32) {
                    return existing;
                }
            } catch (IllegalArgumentException e) {
                // not base64: replace it below
            }
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String key = Base64.getEncoder().encodeToString(bytes);
        write(file, key + "\n");
        return key;
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        restrict(file, "rw-------");
    }

    static void restrict(Path path, String permissions) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}

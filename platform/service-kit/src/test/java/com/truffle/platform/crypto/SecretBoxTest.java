package com.truffle.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    static final String OLD = key(1);
    static final String NEW = key(2);

    static String key(int seed) {
        byte[] k = new byte[32];
        k[0] = (byte) seed;
        return Base64.getEncoder().encodeToString(k);
    }

    @Test
    void sealsOpenOnlyWithTheSameContextAndNeverLeakTheKey() {
        SecretBox box = new SecretBox(OLD, "test.key");
        byte[] sealed = box.seal("ashby-secret".getBytes(StandardCharsets.UTF_8), "company:acme");
        assertThat(new String(box.open(sealed, "company:acme"), StandardCharsets.UTF_8)).isEqualTo("ashby-secret");
        assertThatThrownBy(() -> box.open(sealed, "company:globex")).hasMessage("the stored secret cannot be opened");
        assertThatThrownBy(() -> new SecretBox("not base64!", "test.key")).hasMessage("test.key (key 1) is not base64");
    }

    @Test
    void afterARotationOldSealsStillOpenAreFlaggedAndResealedUnderTheNewKey() {
        SecretBox before = new SecretBox(OLD, "test.key");
        byte[] sealedBefore = before.seal("s3cret".getBytes(StandardCharsets.UTF_8), "ctx");
        SecretBox after = SecretBox.fromConfig(NEW, 2, "1:" + OLD, "test.key");
        assertThat(after.currentKeyId()).isEqualTo(2);
        assertThat(new String(after.open(sealedBefore, "ctx"), StandardCharsets.UTF_8)).isEqualTo("s3cret");
        assertThat(after.needsReseal(sealedBefore)).isTrue();
        byte[] resealed = after.reseal(sealedBefore, "ctx");
        assertThat(after.needsReseal(resealed)).isFalse();
        assertThat(after.reseal(resealed, "ctx")).isSameAs(resealed);
        // once the old key is retired, only what was re-sealed still opens
        SecretBox retired = SecretBox.fromConfig(NEW, 2, "", "test.key");
        assertThat(new String(retired.open(resealed, "ctx"), StandardCharsets.UTF_8)).isEqualTo("s3cret");
        assertThatThrownBy(() -> retired.open(sealedBefore, "ctx")).hasMessageContaining("no longer configured");
        // and the text form does the same
        String text = before.sealText("t", "ctx");
        assertThat(after.needsReseal(text)).isTrue();
        assertThat(after.openText(after.resealText(text, "ctx"), "ctx")).isEqualTo("t");
    }

    @Test
    void whatTheSingleKeyBoxSealedBeforeRotationExistedIsKeyOnes() throws Exception {
        // the version-1 layout: version byte, nonce, ciphertext + tag (no key id)
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(OLD), "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD("ctx".getBytes(StandardCharsets.UTF_8));
        byte[] body = c.doFinal("legacy".getBytes(StandardCharsets.UTF_8));
        byte[] v1 = ByteBuffer.allocate(1 + 12 + body.length).put((byte) 1).put(nonce).put(body).array();
        SecretBox rotated = SecretBox.fromConfig(NEW, 2, "1:" + OLD, "test.key");
        assertThat(new String(rotated.open(v1, "ctx"), StandardCharsets.UTF_8)).isEqualTo("legacy");
        assertThat(rotated.needsReseal(v1)).isTrue();
        assertThat(new SecretBox(OLD, "test.key").needsReseal(v1)).isFalse();
    }

    @Test
    void aMisconfiguredKeyringIsRefusedNamingTheSettingOnly() {
        assertThatThrownBy(() -> SecretBox.fromConfig(NEW, 0, "", "test.key")).hasMessageContaining("1 to 255");
        assertThatThrownBy(() -> SecretBox.fromConfig(NEW, 2, "one:" + OLD, "test.key")).hasMessageContaining("not a number")
                .hasMessageNotContaining(OLD);
        assertThatThrownBy(() -> new SecretBox(3, Map.of(1, OLD), "test.key")).hasMessageContaining("current key id 3");
    }
}

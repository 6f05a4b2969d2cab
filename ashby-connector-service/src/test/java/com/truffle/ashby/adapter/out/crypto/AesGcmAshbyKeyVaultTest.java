package com.truffle.ashby.adapter.out.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.truffle.ashby.domain.AshbyApiKey;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.SealedAshbyKey;

class AesGcmAshbyKeyVaultTest {

    static String randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    final AesGcmAshbyKeyVault vault = new AesGcmAshbyKeyVault(new AesGcmAshbyKeyVault.Settings(randomKey()));
    final CompanyId acme = new CompanyId("acme");
    final AshbyApiKey key = new AshbyApiKey("ashby_live_0123456789abcdef");

    @Test
    void sealsWithAFreshNonceEachTimeAndOpensForTheSameCompany() {
        SealedAshbyKey one = vault.seal(acme, key);
        SealedAshbyKey two = vault.seal(acme, key);
        assertThat(one).isNotEqualTo(two);
        // version, key id, nonce, ciphertext, tag
        assertThat(java.util.Arrays.copyOfRange(one.bytes(), 2, 14)).isNotEqualTo(java.util.Arrays.copyOfRange(two.bytes(), 2, 14));
        assertThat(one.bytes()).hasSize(2 + 12 + key.value().length() + 16);
        assertThat(new String(one.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("ashby_live");
        assertThat(vault.open(acme, one)).isEqualTo(key);
        assertThat(vault.open(acme, two)).isEqualTo(key);
    }

    @Test
    void aTamperedOrMovedOrForeignSealDoesNotOpenAndSaysNothingSecret() {
        SealedAshbyKey sealed = vault.seal(acme, key);
        byte[] tampered = sealed.bytes();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> vault.open(acme, new SealedAshbyKey(tampered))).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(key.value());
        assertThatThrownBy(() -> vault.open(new CompanyId("globex"), sealed)).as("another company's row").isInstanceOf(IllegalStateException.class);
        AesGcmAshbyKeyVault other = new AesGcmAshbyKeyVault(new AesGcmAshbyKeyVault.Settings(randomKey()));
        assertThatThrownBy(() -> other.open(acme, sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> vault.open(acme, new SealedAshbyKey(new byte[5]))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyA32ByteBase64KeyIsAccepted() {
        assertThatThrownBy(() -> AesGcmAshbyKeyVault.decodeKey(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> AesGcmAshbyKeyVault.decodeKey("not base64 !!")).hasMessageContaining("base64")
                .hasMessageNotContaining("not base64 !!");
        assertThatThrownBy(() -> AesGcmAshbyKeyVault.decodeKey(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new AesGcmAshbyKeyVault.Settings("c2VjcmV0").toString()).doesNotContain("c2VjcmV0");
    }
}

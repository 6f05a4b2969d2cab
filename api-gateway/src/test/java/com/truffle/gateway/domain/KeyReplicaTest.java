package com.truffle.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.truffle.gateway.domain.key.KeyKind;
import com.truffle.gateway.domain.key.KeyRecord;
import com.truffle.gateway.domain.key.KeyReplica;
import com.truffle.gateway.domain.key.KeyReplica.Outcome;
import com.truffle.gateway.domain.key.KeyStatus;
import com.truffle.gateway.domain.key.Permission;
import com.truffle.gateway.domain.key.SecretHash;

class KeyReplicaTest {

    static final SecureRandom RANDOM = new SecureRandom();

    static SecretHash hash() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return SecretHash.of(b);
    }

    static KeyRecord record(String id, SecretHash hash, long version) {
        return new KeyRecord(id, "acme", KeyKind.LIVE, Permission.READ, hash, KeyStatus.ACTIVE, version, null);
    }

    final KeyReplica replica = new KeyReplica();

    @Test
    void aCreatedKeyIsFoundByItsHash() {
        SecretHash h = hash();
        assertThat(replica.offer(record("k1", h, 1))).isEqualTo(Outcome.ADMITTED);
        assertThat(replica.find(h).keyId()).isEqualTo("k1");
        assertThat(replica.find(hash())).isNull();
    }

    @Test
    void regenerationRetiresTheOldSecretAndNoOlderVersionComesBack() {
        SecretHash old = hash();
        SecretHash fresh = hash();
        replica.offer(record("k1", old, 1));
        replica.offer(record("k1", fresh, 2));
        assertThat(replica.find(old)).isNull();
        assertThat(replica.find(fresh).version()).isEqualTo(2);
        // a slow lookup that answers the old version afterwards
        assertThat(replica.offer(record("k1", old, 1))).isEqualTo(Outcome.STALE);
        assertThat(replica.find(old)).isNull();
        assertThat(replica.offer(record("k1", fresh, 2))).as("the same version again is harmless").isEqualTo(Outcome.ADMITTED);
    }

    @Test
    void aRevokedKeyIsNeverReadmittedWhateverVersionArrives() {
        SecretHash h = hash();
        replica.offer(record("k1", h, 3));
        replica.revoke("k1");
        assertThat(replica.find(h)).isNull();
        assertThat(replica.offer(record("k1", h, 3))).isEqualTo(Outcome.REVOKED);
        assertThat(replica.offer(record("k1", hash(), 99))).isEqualTo(Outcome.REVOKED);
        assertThat(replica.find(h)).isNull();
        assertThat(replica.size()).isZero();
    }

    @Test
    void aTombstoneForAKeyNeverSeenStillBlocksALateAnswer() {
        replica.revoke("k9");
        SecretHash h = hash();
        assertThat(replica.offer(record("k9", h, 1))).isEqualTo(Outcome.REVOKED);
        assertThat(replica.find(h)).isNull();
    }

    @Test
    void recordsAreReadFromTheContractsJson() {
        SecretHash h = hash();
        KeyRecord r = KeyRecord.fromContract(Map.of("key_id", "k1", "company_id", "acme", "kind", "ASHBY",
                "permission", "PARTNER_ASHBY", "secret_hash", h.hex(), "status", "SUSPENDED", "version", 7,
                "updated_at", "2026-11-25T10:00:00Z", "future_field", true));
        assertThat(r.secretHash()).isEqualTo(h);
        assertThat(r.status()).isEqualTo(KeyStatus.SUSPENDED);
        assertThat(r.version()).isEqualTo(7);
        assertThat(r.isActive()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void keyServicesOwnKeyStateSampleIsRead() throws Exception {
        // the producer's sample (CONVENTIONS: a consumer parses it, so a breaking change fails this build)
        String sample = com.truffle.platform.testing.EventContracts.producer("key-service").sample("KeyState");
        Map<String, Object> fields = new com.fasterxml.jackson.databind.ObjectMapper().readValue(sample, Map.class);
        KeyRecord r = KeyRecord.fromContract(fields);
        assertThat(r.keyId()).isEqualTo(fields.get("key_id"));
        assertThat(r.secretHash().hex()).isEqualTo(fields.get("secret_hash"));
        assertThat(r.version()).isEqualTo(((Number) fields.get("version")).longValue());
    }

    @Test
    void aLiveKindCannotCarryThePartnerPermission() {
        SecretHash h = hash();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeyRecord.fromContract(Map.of("key_id", "k1",
                "company_id", "acme", "kind", "LIVE", "permission", "PARTNER_ASHBY", "secret_hash", h.hex(),
                "status", "ACTIVE", "version", 1))).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeyRecord.fromContract(Map.of("key_id", "k1",
                "company_id", "acme", "kind", "LIVE", "permission", "READ", "secret_hash", "abc",
                "status", "ACTIVE", "version", 1))).hasMessageContaining("64 hex");
    }
}

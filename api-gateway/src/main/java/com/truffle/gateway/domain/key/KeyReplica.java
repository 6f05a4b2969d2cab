package com.truffle.gateway.domain.key;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's in-memory copy of the key state: secret hash → record, for lookups on every request, and per key
 * id the newest version seen, so nothing older can come back.
 *
 * <p>The rule, for records from the key-state stream and for answers of key-service on a miss alike: a record is
 * taken only if its key was never revoked (tombstone) here and its version is not older than the newest seen for
 * that key. So a slow miss lookup that answers "valid" after the gateway saw the key's revocation or regeneration
 * cannot re-admit the old secret: a revoked or replaced key stays dead. Writes are serialised (they are rare: one
 * per key change); reads are lock-free.
 *
 * <p>The secrets it saw replaced or revoked are remembered too (the newest {@link #MAX_RETIRED}), so the gateway
 * refuses an old secret at once, without asking key-service: a retired hash can never become valid again (a
 * regenerated key gets a new random secret; revocation is final).
 */
public final class KeyReplica {

    /** What happened to a record offered to the replica. */
    public enum Outcome {
        /** Now the current record of its key (new key, newer version, or the same version again). */
        ADMITTED,
        /** Ignored: the replica has already seen a newer version of this key. */
        STALE,
        /** Ignored: this key was revoked. Revocation is final. */
        REVOKED
    }

    private record Known(long version, SecretHash hash, boolean revoked) {
    }

    /** How many retired secrets are remembered; beyond it the oldest are forgotten (key-service still refuses them). */
    public static final int MAX_RETIRED = 100_000;

    private final ConcurrentHashMap<SecretHash, KeyRecord> byHash = new ConcurrentHashMap<>();
    private final Map<String, Known> byKeyId = new HashMap<>(); // guarded by this
    private final Set<SecretHash> retired = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<SecretHash> retiredInOrder = new ArrayDeque<>(); // guarded by this

    /** The current record for a secret's hash, or null. */
    public KeyRecord find(SecretHash hash) {
        return byHash.get(hash);
    }

    /** Whether this secret's hash belonged to a key that was since regenerated or revoked: refused for good. */
    public boolean isRetired(SecretHash hash) {
        return retired.contains(hash);
    }

    /** A record from the key-state stream or from key-service; a REVOKED one is the key's tombstone. */
    public synchronized Outcome offer(KeyRecord record) {
        if (record.status() == KeyStatus.REVOKED) {
            revoke(record.keyId());
            return Outcome.REVOKED;
        }
        Known known = byKeyId.get(record.keyId());
        if (known != null) {
            if (known.revoked()) {
                return Outcome.REVOKED;
            }
            if (record.version() < known.version()) {
                return Outcome.STALE;
            }
            if (!known.hash().equals(record.secretHash())) {
                byHash.remove(known.hash()); // regenerated: the old secret stops here
                retire(known.hash());
            }
        }
        byKeyId.put(record.keyId(), new Known(record.version(), record.secretHash(), false));
        byHash.put(record.secretHash(), record);
        return Outcome.ADMITTED;
    }

    /** A tombstone: the key is revoked, for good. */
    public synchronized void revoke(String keyId) {
        Known known = byKeyId.get(keyId);
        if (known != null && known.hash() != null) {
            byHash.remove(known.hash());
            retire(known.hash());
        }
        byKeyId.put(keyId, new Known(Long.MAX_VALUE, null, true));
    }

    private void retire(SecretHash hash) {
        if (retired.add(hash)) {
            retiredInOrder.addLast(hash);
            if (retiredInOrder.size() > MAX_RETIRED) {
                retired.remove(retiredInOrder.removeFirst());
            }
        }
    }

    public synchronized boolean isRevoked(String keyId) {
        Known known = byKeyId.get(keyId);
        return known != null && known.revoked();
    }

    /** Keys that can currently authenticate (active or suspended). */
    public int size() {
        return byHash.size();
    }
}

package com.truffle.gateway.application.port.in;

import java.util.Map;

/**
 * A key's new state, as key-service answered the admin's regenerate or revoke that this gateway forwarded. Applied
 * before the answer goes on to the admin: at this gateway the old secret is refused the moment the admin reads
 * "regenerated" or "revoked". Every other replica learns it from the key-state topic.
 */
public interface LearnKeyStateUseCase {

    /**
     * @param fields the KeyState contract's JSON fields, signed by key-service; {@code status: REVOKED} is the key's end
     * @throws IllegalArgumentException when unsigned, or naming the first missing or invalid field
     */
    void learn(Map<String, ?> fields);
}

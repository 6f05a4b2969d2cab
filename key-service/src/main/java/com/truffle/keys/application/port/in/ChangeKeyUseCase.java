package com.truffle.keys.application.port.in;

import java.util.Objects;

import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.KeyId;
import com.truffle.keys.domain.KeyWithSecret;
import io.smallrye.mutiny.Uni;

/** Rename, regenerate (same id, new secret once, old one dead) and revoke a company's own key. */
public interface ChangeKeyUseCase {

    Uni<ApiKey> update(UpdateKeyCommand command);

    Uni<KeyWithSecret> regenerate(KeyCommand command);

    /** The key as revoked (its final verification record goes to the gateway with the answer). */
    Uni<ApiKey> revoke(KeyCommand command);

    record KeyCommand(CompanyId companyId, KeyId keyId, Actor actor) {
        public KeyCommand {
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(actor, "actor");
        }
    }

    record UpdateKeyCommand(KeyCommand key, String name, String description) {
        public UpdateKeyCommand {
            Objects.requireNonNull(key, "key");
        }
    }
}

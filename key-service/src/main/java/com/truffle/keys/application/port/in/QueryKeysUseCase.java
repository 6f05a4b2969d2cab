package com.truffle.keys.application.port.in;

import java.util.List;
import java.util.Optional;

import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.CompanyAccess;
import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.KeyAuditEntry;
import com.truffle.keys.domain.KeyId;
import io.smallrye.mutiny.Uni;

/** A company's keys (never another company's: those are "not found"), one key's audit trail, and lookups by hash. */
public interface QueryKeysUseCase {

    Uni<List<ApiKey>> list(CompanyId companyId);

    /**
     * Whether the company may have integration keys now: its API access as key-service knows it, confirmed with
     * access-request-service on {@code actor}'s behalf when that says no.
     */
    Uni<CompanyAccess> access(CompanyId companyId, Actor actor);

    Uni<ApiKey> get(CompanyId companyId, KeyId keyId);

    Uni<List<KeyAuditEntry>> audit(CompanyId companyId, KeyId keyId);

    /** The authoritative check the gateway makes on a replica miss: a non-revoked key with this secret hash. */
    Uni<Optional<ApiKey>> byHash(String secretHash);
}

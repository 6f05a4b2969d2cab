package com.truffle.keys.application.port.out;

import java.util.List;
import java.util.Optional;

import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.KeyId;
import io.smallrye.mutiny.Uni;

public interface LoadKeyPort {

    Uni<Optional<ApiKey>> byId(KeyId id);

    /** A non-revoked key whose secret hashes to this. */
    Uni<Optional<ApiKey>> byHash(String secretHash);

    /** The company's keys that are not revoked, newest first. */
    Uni<List<ApiKey>> ofCompany(CompanyId companyId);

    Uni<Long> countLiveKeys(CompanyId companyId);

    Uni<Optional<ApiKey>> partnerKey(CompanyId companyId);
}

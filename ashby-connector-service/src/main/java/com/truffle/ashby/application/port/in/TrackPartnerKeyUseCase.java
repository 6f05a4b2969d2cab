package com.truffle.ashby.application.port.in;

import com.truffle.ashby.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/** Key events from key-service that concern the partner key Ashby uses. */
public interface TrackPartnerKeyUseCase {

    Uni<Void> keyRevoked(CompanyId companyId, String keyId);
}

package com.truffle.keys.application.port.in;

import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.KeyWithSecret;
import io.smallrye.mutiny.Uni;

/**
 * The company's Ashby partner key (trf_ashby_…, PARTNER_ASHBY): at most one active, made, regenerated and
 * revoked by the ashby-connector-service on behalf of the company admin (connect, reconnect, disconnect).
 */
public interface PartnerKeyUseCase {

    Uni<KeyWithSecret> create(CompanyId companyId, Actor actor);

    Uni<KeyWithSecret> regenerate(CompanyId companyId, Actor actor);

    Uni<Void> revoke(CompanyId companyId, Actor actor);
}

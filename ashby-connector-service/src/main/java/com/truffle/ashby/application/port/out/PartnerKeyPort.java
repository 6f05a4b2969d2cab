package com.truffle.ashby.application.port.out;

import java.util.Optional;

import com.truffle.ashby.domain.AdminToken;
import com.truffle.ashby.domain.PartnerKey;
import io.smallrye.mutiny.Uni;

/**
 * key-service's partner-key routes, called on behalf of the company admin (their token; the company comes from it).
 * Refusals fail with AshbyRuleViolation (PARTNER_KEY_REFUSED, KEY_SERVICE_UNAVAILABLE).
 */
public interface PartnerKeyPort {

    /** A new partner key; empty when one is already active for the company. */
    Uni<Optional<PartnerKey>> create(AdminToken onBehalfOf);

    /** A new secret for the active partner key (the old one dies at once); empty when there is none. */
    Uni<Optional<PartnerKey>> regenerate(AdminToken onBehalfOf);

    /** False when there was no active partner key. */
    Uni<Boolean> revoke(AdminToken onBehalfOf);
}

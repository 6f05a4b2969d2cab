package com.truffle.ashby.application.port.out;

import com.truffle.ashby.domain.AshbyApiKey;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.SealedAshbyKey;

/**
 * Encryption at rest of customers' Ashby keys. Synchronous on purpose: it is a few microseconds of CPU, with no I/O
 * to wait for. A sealed key opens only for the company it was sealed for.
 */
public interface AshbyKeyVaultPort {

    SealedAshbyKey seal(CompanyId companyId, AshbyApiKey key);

    /** Fails with IllegalStateException when the key cannot be opened (tampered, or sealed under another key). */
    AshbyApiKey open(CompanyId companyId, SealedAshbyKey sealed);

    /** Sealed under an older encryption key than the current one (after a rotation). */
    boolean needsReseal(SealedAshbyKey sealed);

    /** The same Ashby key, sealed under the current encryption key. */
    SealedAshbyKey reseal(CompanyId companyId, SealedAshbyKey sealed);
}

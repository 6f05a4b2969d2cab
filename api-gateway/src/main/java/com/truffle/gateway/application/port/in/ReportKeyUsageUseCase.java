package com.truffle.gateway.application.port.in;

import io.smallrye.mutiny.Uni;

/** Publishes the usage counted since the last report (called every few seconds, and once at shutdown). */
public interface ReportKeyUsageUseCase {

    /** @return how many keys' usage was published */
    Uni<Integer> reportUsage();
}

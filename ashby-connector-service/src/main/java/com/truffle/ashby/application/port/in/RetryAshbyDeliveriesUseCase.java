package com.truffle.ashby.application.port.in;

import com.truffle.ashby.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/**
 * The admin's "Retry now" on the card: the company's waiting results are sent again at once, with a fresh backoff
 * and give-up clock. Refused when the connection needs a reconnect instead (a rejected Ashby key).
 */
public interface RetryAshbyDeliveriesUseCase {

    Uni<Void> retry(CompanyId companyId);
}

package com.truffle.ashby.application.port.in;

import com.truffle.ashby.domain.AshbyCard;
import com.truffle.ashby.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/** The integration card: available on the company's plan?, status, message, last activity. */
public interface ViewAshbyCardUseCase {

    Uni<AshbyCard> card(CompanyId companyId);
}

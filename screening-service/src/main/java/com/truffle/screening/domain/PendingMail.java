package com.truffle.screening.domain;

/** An invitation mail waiting in the queue (claimed by the worker inside its transaction). */
public record PendingMail(long id, ScreeningId screeningId, CompanyId companyId, int attempts) {
}

package com.truffle.access.adapter.out.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "access_request")
public class AccessRequestEntity {

    @Id
    public UUID id;

    @Column(name = "company_id")
    public String companyId;

    @Column(name = "use_case")
    public String useCase;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "requested_at")
    public Instant requestedAt;

    public String status;

    public String reviewer;

    @Column(name = "decided_at")
    public Instant decidedAt;

    public String reason;
}

package com.truffle.access.adapter.out.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "company_entitlement")
public class CompanyEntitlementEntity {

    @Id
    @Column(name = "company_id")
    public String companyId;

    public String plan;

    @Column(name = "access_status")
    public String accessStatus;

    @Column(name = "pending_request_id")
    public UUID pendingRequestId;

    @Version
    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;
}

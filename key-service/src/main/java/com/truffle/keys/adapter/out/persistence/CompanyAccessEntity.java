package com.truffle.keys.adapter.out.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "company_access")
public class CompanyAccessEntity {

    @Id
    @Column(name = "company_id")
    public String companyId;
    public String plan;
    @Column(name = "access_status")
    public String accessStatus;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** When the entitlement was so at its source (the event's time, or when access-request-service was asked). */
    @Column(name = "as_of")
    public Instant asOf;
}

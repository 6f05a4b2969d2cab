package com.truffle.access.adapter.out.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "access_audit")
public class AccessAuditEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "company_id")
    public String companyId;

    @Column(name = "event_type")
    public String eventType;

    public String actor;

    public String detail;

    @Column(name = "occurred_at")
    public Instant occurredAt;
}

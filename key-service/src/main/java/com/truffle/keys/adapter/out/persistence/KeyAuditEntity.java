package com.truffle.keys.adapter.out.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "key_audit")
public class KeyAuditEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "key_id")
    public UUID keyId;
    @Column(name = "company_id")
    public String companyId;
    public String action;
    public String actor;
    @Column(name = "request_id")
    public String requestId;
    public Instant at;
}

package com.truffle.keys.adapter.out.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "api_key")
public class ApiKeyEntity {

    @Id
    public UUID id;
    @Column(name = "company_id")
    public String companyId;
    public String kind;
    public String permission;
    public String name;
    public String description;
    @Column(name = "secret_hash")
    public String secretHash;
    public String prefix;
    public String last4;
    public String status;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "regenerated_at")
    public Instant regeneratedAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Column(name = "last_used_at")
    public Instant lastUsedAt;
    public long version;
    @Version
    @Column(name = "row_version")
    public long rowVersion;
}

package com.truffle.screening.adapter.out.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "job")
public class JobEntity {

    @Id
    public UUID id;

    @Column(name = "company_id")
    public String companyId;

    public String title;

    public String description;

    public String status;

    /** JSON, see {@link Json}. */
    public String questions;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}

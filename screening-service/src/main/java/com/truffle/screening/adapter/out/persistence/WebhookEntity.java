package com.truffle.screening.adapter.out.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "webhook")
public class WebhookEntity {

    @Id
    public UUID id;

    @Column(name = "company_id")
    public String companyId;

    public String url;

    public String description;

    public String secret;

    public String status;

    @Column(name = "consecutive_failures")
    public int consecutiveFailures;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "deleted_at")
    public Instant deletedAt;
}

package com.truffle.screening.adapter.out.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "screening")
public class ScreeningEntity {

    @Id
    public UUID id;

    @Column(name = "company_id")
    public String companyId;

    @Column(name = "candidate_id")
    public UUID candidateId;

    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "candidate_email")
    public String candidateEmail;

    @Column(name = "job_title")
    public String jobTitle;

    /** JSON, see {@link Json}. */
    public String questions;

    public String status;

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "source_ref")
    public String sourceRef;

    /** JSON, see {@link Json}. */
    public String scores;

    public Integer score;

    @Column(name = "invited_at")
    public Instant invitedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}

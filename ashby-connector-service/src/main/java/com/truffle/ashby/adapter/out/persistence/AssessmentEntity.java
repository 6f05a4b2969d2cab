package com.truffle.ashby.adapter.out.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "assessment")
public class AssessmentEntity {

    @Id
    public UUID id;

    @Column(name = "company_id")
    public String companyId;

    @Column(name = "assessment_type_id")
    public String assessmentTypeId;

    @Column(name = "application_id")
    public String applicationId;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "candidate_email")
    public String candidateEmail;

    @Column(name = "candidate_first_name")
    public String candidateFirstName;

    @Column(name = "candidate_last_name")
    public String candidateLastName;

    @Column(name = "candidate_ashby_id")
    public String candidateAshbyId;

    public String status;

    @Column(name = "screening_id")
    public String screeningId;

    @Column(name = "last_timestamp")
    public long lastTimestamp;

    @Column(name = "cancel_reported")
    public boolean cancelReported;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}

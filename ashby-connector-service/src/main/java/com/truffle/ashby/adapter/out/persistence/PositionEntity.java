package com.truffle.ashby.adapter.out.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.Position;

@Entity
@Table(name = "job_position")
@IdClass(PositionEntity.Key.class)
public class PositionEntity {

    @Id
    @Column(name = "company_id")
    public String companyId;

    @Id
    @Column(name = "job_id")
    public String jobId;

    public String title;

    public String description;

    public String status;

    @Column(name = "question_count")
    public int questionCount;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    Position toDomain() {
        return new Position(new CompanyId(companyId), jobId, title, description, Position.PositionStatus.valueOf(status),
                questionCount, occurredAt);
    }

    public static class Key implements Serializable {
        public String companyId;
        public String jobId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(companyId, k.companyId) && Objects.equals(jobId, k.jobId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(companyId, jobId);
        }
    }
}

package com.truffle.ashby.adapter.out.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "ashby_connection")
public class AshbyConnectionEntity {

    @Id
    @Column(name = "company_id")
    public String companyId;

    public String status;

    public String message;

    @Column(name = "ashby_key_sealed")
    public byte[] ashbyKeySealed;

    @Column(name = "partner_key_id")
    public String partnerKeyId;

    @Column(name = "deliveries_held")
    public boolean deliveriesHeld;

    @Column(name = "deliveries_gave_up")
    public boolean deliveriesGaveUp;

    @Column(name = "last_activity_at")
    public Instant lastActivityAt;

    @Column(name = "connected_at")
    public Instant connectedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}

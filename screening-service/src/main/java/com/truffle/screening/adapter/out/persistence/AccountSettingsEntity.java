package com.truffle.screening.adapter.out.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "account_settings")
public class AccountSettingsEntity {

    @Id
    @Column(name = "company_id")
    public String companyId;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "sender_name")
    public String senderName;

    public String timezone;

    @Column(name = "updated_at")
    public Instant updatedAt;
}

package com.truffle.ashby.application.port.out;

import java.util.List;

import com.truffle.ashby.domain.AshbyConnection;
import com.truffle.ashby.domain.CompanyId;
import io.smallrye.mutiny.Uni;

public interface LoadConnectionPort {

    /** The company's connection, or a not-connected one. */
    Uni<AshbyConnection> load(CompanyId companyId);

    /**
     * The same, after taking the company's connection lock for the rest of the transaction: every writer of a
     * connection goes through here, so writers of one company never race (and never fail on a version). It must be the
     * transaction's first read of that connection (an earlier read would be served again from the session, unlocked).
     */
    Uni<AshbyConnection> lockAndLoad(CompanyId companyId);

    /** Up to {@code limit} connections holding an Ashby key, of companies after {@code afterCompanyId}, in id order. */
    Uni<List<AshbyConnection>> withAshbyKey(String afterCompanyId, int limit);
}

package com.truffle.screening.application.port.out;

import com.truffle.screening.domain.AccountSettings;
import com.truffle.screening.domain.CompanyId;
import io.smallrye.mutiny.Uni;

public interface AccountSettingsPort {

    /** The company's settings, or the defaults when it never changed them. */
    Uni<AccountSettings> load(CompanyId companyId);

    Uni<Void> save(AccountSettings settings);
}

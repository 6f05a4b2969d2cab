package com.truffle.screening.application.port.in;

import java.util.Objects;

import com.truffle.screening.domain.AccountSettings;
import com.truffle.screening.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/** A company admin reads and changes the account settings (null fields stay as they are). */
public interface ManageAccountSettingsUseCase {

    Uni<AccountSettings> get(CompanyId companyId);

    Uni<AccountSettings> change(ChangeAccountSettingsCommand command);

    record ChangeAccountSettingsCommand(CompanyId companyId, String displayName, String senderName, String timezone) {
        public ChangeAccountSettingsCommand {
            Objects.requireNonNull(companyId, "companyId");
        }
    }
}

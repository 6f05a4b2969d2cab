package com.truffle.screening.application.service;

import static com.truffle.screening.application.service.InMemoryPorts.violation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.screening.application.port.in.ManageAccountSettingsUseCase.ChangeAccountSettingsCommand;
import com.truffle.screening.domain.AccountSettings;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.ScreeningRuleViolation.Rule;

class AccountSettingsServiceTest {

    static final CompanyId ACME = new CompanyId("acme");

    InMemoryPorts ports;
    AccountSettingsService service;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        service = ports.accountSettingsService();
    }

    AccountSettings change(String displayName, String senderName, String timezone) {
        return service.change(new ChangeAccountSettingsCommand(ACME, displayName, senderName, timezone)).await().indefinitely();
    }

    @Test
    void aCompanyThatNeverChangedItsSettingsHasTheDefaults() {
        AccountSettings settings = service.get(ACME).await().indefinitely();
        assertThat(settings).isEqualTo(AccountSettings.defaults(ACME));
        assertThat(settings.effectiveSenderName()).isEqualTo("acme");
    }

    @Test
    void givenFieldsChangeOthersStayAndBlankNamesResetToTheDefault() {
        change(" Acme Robotics ", "Acme Hiring", "Europe/Paris");
        AccountSettings renamed = change("Acme", null, null);

        assertThat(renamed).isEqualTo(new AccountSettings(ACME, "Acme", "Acme Hiring", ZoneId.of("Europe/Paris")));
        assertThat(ports.settings.get(ACME)).isEqualTo(renamed);

        AccountSettings reset = change(null, " ", null);
        assertThat(reset.senderName()).isNull();
        assertThat(reset.effectiveSenderName()).as("the display name, never Truffle's").isEqualTo("Acme");
        assertThat(service.get(ACME).await().indefinitely()).isEqualTo(reset);
    }

    @Test
    void anUnknownTimeZoneIsRefusedAndNothingIsSaved() {
        change("Acme", null, null);
        int saves = ports.settingsSaves;

        assertThat(violation(() -> change("Acme Robotics", null, "Mars/Olympus_Mons"))).satisfies(e -> {
            assertThat(e.rule()).isEqualTo(Rule.INVALID_INPUT);
            assertThat(e.field()).isEqualTo("timezone");
        });
        assertThat(ports.settingsSaves).isEqualTo(saves);
        assertThat(ports.settings.get(ACME).displayName()).isEqualTo("Acme");
    }
}

package com.truffle.ashby.adapter.in.web;

import com.truffle.ashby.domain.AshbyCard;
import com.truffle.ashby.domain.ConnectionStatus;
import com.truffle.platform.web.page.When;
import io.quarkus.qute.TemplateData;

/** The Ashby card in the words and colours of the help article. */
final class IntegrationViews {

    @TemplateData
    record Card(boolean available, boolean active, String label, String tone, String message, String lastActivity,
            boolean canRetry) {

        static Card of(AshbyCard card) {
            ConnectionStatus s = card.status();
            String label = switch (s) {
                case CONNECTED -> "Connected";
                case DEGRADED -> "Degraded";
                case ACTION_NEEDED -> "Action needed";
                case DISCONNECTED -> "Disconnected";
                case NOT_CONNECTED -> "Not connected";
            };
            String tone = switch (s) {
                case CONNECTED -> "green";
                case DEGRADED -> "amber";
                case ACTION_NEEDED -> "red";
                default -> "grey";
            };
            return new Card(card.available(), s.isActive(), label, tone, card.message() == null ? "" : card.message(),
                    card.lastActivityAt() == null ? null : When.minute(card.lastActivityAt()), card.canRetryDeliveries());
        }
    }

    private IntegrationViews() {
    }
}

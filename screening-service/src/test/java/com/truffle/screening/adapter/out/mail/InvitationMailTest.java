package com.truffle.screening.adapter.out.mail;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.truffle.platform.testing.TruffleServiceTestResource;
import com.truffle.screening.support.Api;
import com.truffle.screening.support.GreenMailResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The invitation as it arrives at a real SMTP server: from the company, with only the headers a mail needs. */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
@WithTestResource(GreenMailResource.class)
class InvitationMailTest {

    GreenMail greenMail;

    static MimeMessage mailTo(GreenMail greenMail, String email) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Arrays.stream(greenMail.getReceivedMessages())
                .anyMatch(m -> to(m).contains(email)));
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> to(m).contains(email)).findFirst().orElseThrow();
    }

    static String to(MimeMessage m) {
        try {
            return Arrays.toString(m.getAllRecipients());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theInvitationComesFromTheCompanyWithNoEmptyCc() throws Exception {
        Api api = new Api();
        given().auth().oauth2(api.admin).contentType("application/json").body("{\"display_name\":\"Acme Robotics\"}")
                .patch("/v1/account").then().statusCode(200);
        Api.Invited invited = api.invitedCandidate(greenMail);
        MimeMessage mail = mailTo(greenMail, invited.email());
        assertThat(mail.getFrom()[0].toString()).startsWith("Acme Robotics <").doesNotContain("Truffle");
        assertThat(mail.getHeader("Cc")).as("no Cc header at all").isNull();
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(mail.getSubject()).contains("Acme Robotics");
    }

    @Test
    void aCompanyWithoutSettingsStillSendsInItsOwnName() throws Exception {
        Api api = new Api();
        Api.Invited invited = api.invitedCandidate(greenMail);
        MimeMessage mail = mailTo(greenMail, invited.email());
        assertThat(mail.getFrom()[0].toString()).startsWith(api.company + " <").doesNotContain("Truffle");
    }
}

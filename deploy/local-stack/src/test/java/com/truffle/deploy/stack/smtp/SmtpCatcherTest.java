package com.truffle.deploy.stack.smtp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmtpCatcherTest {

    static SmtpCatcher catcher;

    @BeforeAll
    static void start() {
        catcher = new SmtpCatcher().start(0, 0);
    }

    @AfterAll
    static void stop() {
        catcher.close();
    }

    @BeforeEach
    void clear() {
        given().baseUri(catcher.httpUrl()).delete("/messages").then().statusCode(204);
    }

    /** A mail shaped like the Quarkus mailer's: multipart/alternative, quoted-printable, UTF-8. */
    private static void send(String to, String bcc, String subject, String link) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", catcher.smtpHost());
        props.put("mail.smtp.port", String.valueOf(catcher.smtpPort()));
        props.put("mail.smtp.auth", "false");
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "5000");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("no-reply@truffle.dev"));
        message.setRecipients(Message.RecipientType.TO, to);
        if (bcc != null) {
            message.setRecipients(Message.RecipientType.BCC, bcc);
        }
        message.setSubject(subject, "UTF-8");
        String longLine = "Bonjour Zoë, votre entretien est prêt — ouvrez ce lien pour commencer votre entretien "
                + "vidéo: " + link;
        MimeBodyPart text = new MimeBodyPart();
        text.setText(longLine + "\n", "UTF-8");
        text.setHeader("Content-Transfer-Encoding", "quoted-printable");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<p>Bonjour Zoë,</p><p><a href=\"" + link + "\">Commencer l’entretien</a></p>", "UTF-8", "html");
        html.setHeader("Content-Transfer-Encoding", "base64");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        message.setContent(alternative);
        Transport.send(message);
    }

    @Test
    void aRealMailIsReadableOverHttp() throws Exception {
        String link = "http://127.0.0.1:8080/screener/scr_AbCdEf0123456789AbCdEf0123456789";
        send("zoe@example.com", null, "Votre entretien Truffle ✔", link);

        String text = given().baseUri(catcher.httpUrl()).get("/messages").then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].id", notNullValue())
                .body("data[0].from", equalTo("no-reply@truffle.dev"))
                .body("data[0].to", equalTo(List.of("zoe@example.com")))
                .body("data[0].subject", equalTo("Votre entretien Truffle ✔"))
                .body("data[0].html", containsString("<a href=\"" + link + "\">"))
                .body("data[0].received_at", notNullValue())
                .extract().path("data[0].text");

        // a test finds the screener link with a regex, even though the line was quoted-printable-wrapped
        Matcher m = Pattern.compile("(http://\\S+/screener/([A-Za-z0-9_]+))").matcher(text);
        assertTrue(m.find(), text);
        assertEquals(link, m.group(1));
        assertTrue(text.contains("Zoë"), "decoded as UTF-8: " + text);
        assertEquals(1, catcher.messages().size());
        assertTrue(catcher.messages().get(0).html().contains("l’entretien"));
    }

    @Test
    void filterByRecipientFetchByIdAndClear() throws Exception {
        send("a@example.com", "audit@example.com", "first", "http://x/screener/a");
        send("b@example.com", null, "second", "http://x/screener/b");

        given().baseUri(catcher.httpUrl()).get("/messages").then()
                .body("data.subject", equalTo(List.of("first", "second")));
        String id = given().baseUri(catcher.httpUrl()).queryParam("to", "B@example.com").get("/messages").then()
                .body("data", hasSize(1))
                .body("data[0].subject", equalTo("second"))
                .extract().path("data[0].id");
        // one message per mail even with two recipients (GreenMail delivers it to each mailbox)
        given().baseUri(catcher.httpUrl()).queryParam("to", "audit@example.com").get("/messages").then()
                .body("data", hasSize(1))
                .body("data[0].to", equalTo(List.of("a@example.com", "audit@example.com")));
        given().baseUri(catcher.httpUrl()).get("/messages/" + id).then().statusCode(200)
                .body("subject", equalTo("second"));
        given().baseUri(catcher.httpUrl()).get("/messages/999999").then().statusCode(404);

        given().baseUri(catcher.httpUrl()).delete("/messages").then().statusCode(204);
        given().baseUri(catcher.httpUrl()).get("/messages").then().body("data", hasSize(0));
    }
}

package com.truffle.screening.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** What reached the test SMTP server, decoded (multipart, transfer encodings). */
public final class Mailbox {

    public static final Pattern LINK = Pattern.compile("http://gateway\\.test/screener/([A-Za-z0-9_-]{43})");

    public record Mail(String to, String from, String subject, String text) {
    }

    public static List<Mail> to(GreenMail greenMail, String recipient) {
        List<Mail> out = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            try {
                Address[] rcpt = m.getAllRecipients();
                if (rcpt != null && Arrays.stream(rcpt).anyMatch(a -> a.toString().equalsIgnoreCase(recipient))) {
                    out.add(new Mail(recipient, m.getFrom()[0].toString(), m.getSubject(), text(m)));
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Waits for the n-th mail to the recipient and returns the screener token in it. */
    public static String awaitLink(GreenMail greenMail, String recipient, int nth) {
        await().atMost(Duration.ofSeconds(20)).until(() -> to(greenMail, recipient).size() >= nth);
        Matcher m = LINK.matcher(to(greenMail, recipient).get(nth - 1).text());
        if (!m.find()) {
            throw new AssertionError("no screener link in " + to(greenMail, recipient).get(nth - 1));
        }
        return m.group(1);
    }

    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < mp.getCount(); i++) {
                sb.append(text(mp.getBodyPart(i)));
            }
            return sb.toString();
        }
        return "";
    }

    private Mailbox() {
    }
}

package com.truffle.deploy.stack.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.truffle.deploy.stack.http.SmallHttpServer;
import com.truffle.deploy.stack.http.SmallHttpServer.Request;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Catches every mail the services send: a GreenMail SMTP server (no authentication, any recipient) and an
 * HTTP view of what arrived, decoded so a test can read it (multipart text and HTML, quoted-printable and
 * base64 transfer encodings, encoded subjects):
 * <ul>
 *   <li>{@code GET /messages[?to=email]} → {@code {"data":[{"id","from","to":[…],"subject","text","html",
 *       "received_at"}]}}, oldest first (newest last);</li>
 *   <li>{@code GET /messages/{id}} → one message, 404 when unknown;</li>
 *   <li>{@code DELETE /messages} → forget everything.</li>
 * </ul>
 * {@code to} lists the envelope recipients (RCPT TO), so Bcc recipients are found too.
 */
public final class SmtpCatcher implements AutoCloseable {

    /** One caught mail; {@code text}/{@code html} are null when the mail has no such part. */
    public record CaughtMessage(String id, String from, List<String> to, String subject, String text, String html,
                                Instant receivedAt) {

        /** The text part, else the HTML part, else "". */
        public String body() {
            return text != null ? text : html != null ? html : "";
        }
    }

    private final SmallHttpServer http = new SmallHttpServer("SMTP catcher");
    private final List<CaughtMessage> messages = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    /** GreenMail calls the delivery handler once per recipient: remember which SMTP transactions we recorded. */
    private final Set<MovingMessage> seen = Collections.newSetFromMap(new WeakHashMap<>());
    private GreenMail greenMail;

    public SmtpCatcher() {
        http.route("GET", "/messages", this::list)
                .route("DELETE", "/messages", r -> {
                    clear();
                    r.empty(204);
                })
                .route("GET", "/messages/([^/]+)", this::one);
    }

    /** SMTP on 127.0.0.1:{@code smtpPort}, the HTTP view on 127.0.0.1:{@code httpPort}; 0 picks a free port. */
    public SmtpCatcher start(int smtpPort, int httpPort) {
        greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        UserManager users = greenMail.getUserManager();
        MessageDeliveryHandler deliverToMailbox = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((MovingMessage message, MailAddress recipient) -> {
            capture(message);
            return deliverToMailbox.handle(message, recipient);
        });
        try {
            http.start(httpPort);
        } catch (RuntimeException e) {
            greenMail.stop();
            throw e;
        }
        return this;
    }

    public String smtpHost() {
        return "127.0.0.1";
    }

    public int smtpPort() {
        if (greenMail == null) {
            throw new IllegalStateException("the SMTP catcher is not running");
        }
        return greenMail.getSmtp().getPort();
    }

    public int httpPort() {
        return http.port();
    }

    /** The HTTP view's base URL ({@code /messages} lives below it). */
    public String httpUrl() {
        return http.url();
    }

    /** Every caught mail, oldest first. */
    public synchronized List<CaughtMessage> messages() {
        return List.copyOf(messages);
    }

    /** The mails one address received (case-insensitive), oldest first. */
    public List<CaughtMessage> messagesTo(String email) {
        String wanted = email.trim().toLowerCase(Locale.ROOT);
        return messages().stream().filter(m -> m.to().stream().anyMatch(t -> t.equalsIgnoreCase(wanted))).toList();
    }

    public synchronized void clear() {
        messages.clear();
        if (greenMail != null) {
            try {
                greenMail.purgeEmailFromAllMailboxes();
            } catch (FolderException e) {
                throw new IllegalStateException("could not purge the mailboxes", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        http.close();
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    private void capture(MovingMessage moving) {
        synchronized (this) {
            if (!seen.add(moving)) {
                return;
            }
        }
        MimeMessage mime = moving.getMessage();
        List<String> to = moving.getToAddresses().stream().map(MailAddress::getEmail).toList();
        String from = null;
        String subject = null;
        Parts parts = new Parts();
        try {
            Address[] fromHeader = mime.getFrom();
            if (fromHeader != null && fromHeader.length > 0) {
                from = fromHeader[0] instanceof InternetAddress ia ? ia.getAddress() : fromHeader[0].toString();
            } else if (moving.getReturnPath() != null) {
                from = moving.getReturnPath().getEmail();
            }
            subject = mime.getSubject();
            collect(mime, parts);
        } catch (MessagingException | IOException e) {
            parts.text = "(the SMTP catcher could not decode this message: " + e + ")";
        }
        CaughtMessage caught = new CaughtMessage(String.valueOf(ids.incrementAndGet()), from, to, subject,
                parts.text, parts.html, Instant.now());
        synchronized (this) {
            messages.add(caught);
        }
    }

    private static final class Parts {
        String text;
        String html;
    }

    /** Walks the MIME tree: the first inline text/plain and text/html parts win; attachments are skipped. */
    private static void collect(Part part, Parts into) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, into);
            }
        } else if (part.isMimeType("text/plain") && into.text == null) {
            into.text = asText(part);
        } else if (part.isMimeType("text/html") && into.html == null) {
            into.html = asText(part);
        }
    }

    private static String asText(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof InputStream in) {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return String.valueOf(content);
    }

    // ---------------------------------------------------------------- HTTP view

    private void list(Request request) throws IOException {
        String to = request.query().get("to");
        List<CaughtMessage> list = to == null || to.isBlank() ? messages() : messagesTo(to);
        ObjectNode out = SmallHttpServer.JSON.createObjectNode();
        ArrayNode data = out.putArray("data");
        list.forEach(m -> data.add(json(m)));
        request.json(200, out);
    }

    private void one(Request request) throws IOException {
        String id = request.pathGroup(1);
        for (CaughtMessage m : messages()) {
            if (m.id().equals(id)) {
                request.json(200, json(m));
                return;
            }
        }
        request.json(404, Map.of("error", "not_found", "message", "no message " + id));
    }

    private static ObjectNode json(CaughtMessage m) {
        ObjectNode n = SmallHttpServer.JSON.createObjectNode();
        n.put("id", m.id());
        n.put("from", m.from());
        ArrayNode to = n.putArray("to");
        m.to().forEach(to::add);
        n.put("subject", m.subject());
        n.put("text", m.text());
        n.put("html", m.html());
        n.put("received_at", m.receivedAt().toString());
        return n;
    }
}

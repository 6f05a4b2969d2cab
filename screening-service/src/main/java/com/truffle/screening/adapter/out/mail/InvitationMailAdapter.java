package com.truffle.screening.adapter.out.mail;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.screening.application.port.out.SendInvitationMailPort;
import com.truffle.screening.domain.InvitationMail;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.MailMessage;
import io.vertx.mutiny.ext.mail.MailClient;

/**
 * Invitation mails over real SMTP: a text part and an HTML part with the link, from the company's name. Sent with
 * the Vert.x mail client quarkus-mailer configures (host, port, TLS, credentials), as a message with only the
 * headers it needs: Quarkus' {@code Mail} always carries a Cc list, which Vert.x writes as an empty {@code Cc:}.
 */
@ApplicationScoped
class InvitationMailAdapter implements SendInvitationMailPort {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
            .withLocale(Locale.ENGLISH);

    @Inject
    MailClient mailer;

    @Inject
    MailSettings settings;

    @Override
    public Uni<Void> send(InvitationMail m) {
        String until = WHEN.withZone(m.timezone()).format(m.expiresAt()) + " (" + m.timezone().getId() + ")";
        String hello = m.candidateFirstName() == null ? "Hello," : "Hello " + m.candidateFirstName() + ",";
        String subject = m.companyName() + " invites you to a screening: " + m.jobTitle();
        String text = hello + "\n\n" + m.companyName() + " invites you to answer a few screening questions for the position \""
                + m.jobTitle() + "\".\n\nStart here: " + m.link() + "\n\nThe link is personal and works until " + until + ".\n";
        String html = "<p>" + escape(hello) + "</p><p>" + escape(m.companyName())
                + " invites you to answer a few screening questions for the position <strong>" + escape(m.jobTitle())
                + "</strong>.</p><p><a href=\"" + escape(m.link()) + "\">Start the screening</a></p><p>The link is personal and works until "
                + escape(until) + ".</p>";
        MailMessage mail = new MailMessage().setFrom(quoted(m.senderName()) + " <" + settings.fromAddress() + ">").setTo(m.to())
                .setSubject(subject).setText(text).setHtml(html);
        return mailer.sendMail(mail).replaceWithVoid();
    }

    private static String quoted(String displayName) {
        return "\"" + displayName.replace("\\", "").replace("\"", "'").replaceAll("[\\r\\n]", " ") + "\"";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

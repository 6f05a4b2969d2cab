package com.truffle.screening.adapter.out.mail;

/** The sender address of invitation mails ({@code truffle.screening.mail.from}, wired in config/). */
public record MailSettings(String fromAddress) {
}

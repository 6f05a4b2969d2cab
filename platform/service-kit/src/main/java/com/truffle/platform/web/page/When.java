package com.truffle.platform.web.page;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as pages show them: "Dec 2, 2026" and "Dec 2, 2026 14:05 UTC" (or in a company's own time zone). */
public final class When {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm z", Locale.ENGLISH);

    public static String day(Instant at) {
        return at == null ? "" : DAY.format(at);
    }

    public static String minute(Instant at) {
        return minute(at, UTC);
    }

    public static String minute(Instant at, ZoneId zone) {
        // the offset ZoneOffset.UTC prints as "Z", which a reader does not take for a time zone; the region "UTC" prints "UTC"
        ZoneId shown = zone == null || zone.equals(ZoneOffset.UTC) ? UTC : zone;
        return at == null ? "" : MINUTE.withZone(shown).format(at);
    }

    private When() {
    }
}

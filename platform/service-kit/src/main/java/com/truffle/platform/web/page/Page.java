package com.truffle.platform.web.page;

import java.util.List;

import io.quarkus.qute.TemplateData;

/**
 * The chrome of one rendered page, the same for every service (platform/web-kit's {@code truffle/layout}): who is
 * signed in (from the gateway's internal JWT), the CSRF token every form carries, which navigation (Company
 * Settings, staff, none) with which item current, the breadcrumb trail and a flash message.
 */
@TemplateData
public record Page(boolean signedIn, String name, String company, String csrf, String nav, String active,
        List<Crumb> crumbs, Flash flash) {

    public static final String COMPANY_NAV = "company";
    public static final String STAFF_NAV = "staff";

    public Page {
        crumbs = crumbs == null ? List.of() : List.copyOf(crumbs);
    }

    /** A page for someone who is not signed in (the candidate's screener). */
    public static Page anonymous() {
        return new Page(false, null, null, null, null, null, List.of(), null);
    }

    public Page withFlash(Flash flash) {
        return new Page(signedIn, name, company, csrf, nav, active, crumbs, flash);
    }

    /** One step of the breadcrumb trail; the last one is the current page. */
    @TemplateData
    public record Crumb(String label, String href) {
    }

    /** A one-line message at the top of the page: {@code ok}, {@code info}, {@code warn} or {@code bad}. */
    @TemplateData
    public record Flash(String tone, String message) {
        public static Flash ok(String message) {
            return new Flash("ok", message);
        }

        public static Flash info(String message) {
            return new Flash("info", message);
        }

        public static Flash warn(String message) {
            return new Flash("warn", message);
        }

        public static Flash bad(String message) {
            return new Flash("bad", message);
        }
    }
}

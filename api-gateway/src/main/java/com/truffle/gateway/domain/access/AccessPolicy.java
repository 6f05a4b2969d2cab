package com.truffle.gateway.domain.access;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.truffle.gateway.domain.key.KeyKind;
import com.truffle.gateway.domain.key.KeyRecord;
import com.truffle.gateway.domain.key.Permission;
import com.truffle.gateway.domain.routing.RequiredAccess;

/**
 * Whether a verified credential may take a route, and as whom it is forwarded. A credential of the wrong kind is
 * refused like a too-small permission: a READ key on a session route, a session on the hiring API, the Ashby
 * partner key anywhere but {@code /partners/ashby/*}, any other key there.
 */
public final class AccessPolicy {

    public static final String COMPANY_ADMIN = RequiredAccess.COMPANY_ADMIN.label();
    public static final String TRUFFLE_STAFF = RequiredAccess.TRUFFLE_STAFF.label();
    /** Any signed-in person of a company, in a browser. */
    public static final String COMPANY_MEMBER = RequiredAccess.COMPANY_MEMBER_PAGE.label();

    /** The answer: {@code identity} when allowed, else what was required and what the credential grants. */
    public record Verdict(Identity identity, String required, String granted) {
        public boolean allowed() {
            return identity != null;
        }
    }

    /** For a key the gateway has verified (active). */
    public static Verdict forKey(RequiredAccess required, KeyRecord key) {
        String granted = key.permission().name();
        switch (required) {
            case READ, WRITE, ADMIN -> {
                if (key.kind() == KeyKind.LIVE && key.permission().includes(Permission.valueOf(required.name()))) {
                    return allow(new Identity("api-key:" + key.keyId(), key.companyId(), key.permission().groups()));
                }
            }
            case PARTNER_ASHBY -> {
                if (key.kind() == KeyKind.ASHBY && key.permission() == Permission.PARTNER_ASHBY) {
                    return allow(new Identity("partner:ashby", key.companyId(), Permission.PARTNER_ASHBY.groups()));
                }
            }
            default -> {
                // a session route or a public one (public routes never get here)
            }
        }
        return deny(required, granted);
    }

    /** For a session the identity provider has signed (a bearer session token, or the browser session cookie). */
    public static Verdict forSession(RequiredAccess required, Session session) {
        Set<String> roles = new TreeSet<>(session.groups());
        roles.retainAll(Set.of(COMPANY_ADMIN, TRUFFLE_STAFF));
        String granted = roles.isEmpty() ? "none" : String.join(",", roles);
        boolean admin = roles.contains(COMPANY_ADMIN);
        boolean inCompany = hasText(session.companyId());
        switch (required) {
            case COMPANY_ADMIN, COMPANY_ADMIN_PAGE -> {
                if (admin && inCompany) {
                    return allow(new Identity("user:" + session.subject(), session.companyId(),
                            required == RequiredAccess.COMPANY_ADMIN ? List.of(COMPANY_ADMIN) : List.of(COMPANY_ADMIN, COMPANY_MEMBER),
                            session.name()));
                }
                if (admin) {
                    return deny(required, "company-admin without a company");
                }
            }
            case COMPANY_MEMBER_PAGE -> {
                if (inCompany) {
                    return allow(new Identity("user:" + session.subject(), session.companyId(),
                            admin ? List.of(COMPANY_ADMIN, COMPANY_MEMBER) : List.of(COMPANY_MEMBER), session.name()));
                }
                return deny(required, roles.contains(TRUFFLE_STAFF) ? "truffle-staff (no company)" : granted);
            }
            case TRUFFLE_STAFF, TRUFFLE_STAFF_PAGE -> {
                if (roles.contains(TRUFFLE_STAFF)) {
                    return allow(new Identity("staff:" + session.subject(), null, List.of(TRUFFLE_STAFF), session.name()));
                }
            }
            default -> {
                // an API-key route or a public one: a session never takes those
            }
        }
        return deny(required, granted);
    }

    private static Verdict allow(Identity identity) {
        return new Verdict(identity, null, null);
    }

    private static Verdict deny(RequiredAccess required, String granted) {
        return new Verdict(null, required.label(), granted);
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    private AccessPolicy() {
    }
}

package com.truffle.keys.adapter.in.web;

import java.util.ArrayList;
import java.util.List;

import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.CompanyAccess;
import com.truffle.keys.domain.KeyStatus;
import com.truffle.keys.domain.KeyWithSecret;
import com.truffle.keys.domain.Permission;
import com.truffle.platform.web.page.Page.Flash;
import com.truffle.platform.web.page.When;
import io.quarkus.qute.TemplateData;

/** What the API-key pages show, already in the words and formats a person reads. */
final class KeyPageViews {


    /** The three levels of the Create API Key form, each with what it allows (the product's own words). */
    @TemplateData
    record Level(String value, String label, String allows) {
    }

    static final List<Level> LEVELS = List.of(
            new Level("READ", "Read", "Sync candidates, jobs and screening results."),
            new Level("WRITE", "Write", "Everything Read allows, plus add and update candidates, send interview invitations and create job postings."),
            new Level("ADMIN", "Admin", "Everything Write allows, plus manage webhooks and account settings."));

    @TemplateData
    record KeyRow(String id, String name, String description, String permission, String masked, String status,
            boolean suspended, String created, String lastUsed) {

        static KeyRow of(ApiKey k) {
            return new KeyRow(k.id().toString(), k.name(), k.description() == null ? "" : k.description(),
                    label(k.permission()), k.prefix() + "…" + k.last4(), k.status().name(), k.status() == KeyStatus.SUSPENDED,
                    When.day(k.createdAt()), k.lastUsedAt() == null ? "Never" : When.minute(k.lastUsedAt()));
        }
    }

    /** The secret, shown once, right after create or regenerate. */
    @TemplateData
    record IssuedKey(String title, String name, String secret) {
        static IssuedKey of(KeyWithSecret k, String title) {
            return new IssuedKey(title, k.key().name(), k.secret().plaintext());
        }

        @Override
        public String toString() {
            return "IssuedKey[" + name + ", secret=<redacted>]";
        }
    }

    /** Why this company cannot create keys right now, or null when it can. */
    @TemplateData
    record AccessNotice(String title, String message) {
        static AccessNotice of(CompanyAccess access) {
            return switch (access.accessStatus()) {
                case "APPROVED" -> null;
                case "PENDING" -> new AccessNotice("API access is being reviewed",
                        "Truffle staff are reviewing your request for API access. You can create API keys once it is approved.");
                case "REJECTED" -> new AccessNotice("API access was not approved",
                        "Your request for API access was not approved, so your company cannot create API keys. See the reason and request again on the API access page.");
                case "SUSPENDED" -> new AccessNotice("API access is suspended",
                        "API access is suspended while your company is not on a paid plan. Your keys stop working until the plan is paid again.");
                default -> new AccessNotice("Your company does not have API access yet",
                        "API keys need approved API access. Request API access first; Truffle staff review every request.");
            };
        }
    }

    /** The Create API Key form as the person filled it, with a message per field that needs fixing. */
    @TemplateData
    record CreateForm(String name, String description, String permission, List<FieldError> errors) {

        static CreateForm empty() {
            return new CreateForm("", "", "READ", List.of());
        }

        CreateForm withError(String field, String message) {
            List<FieldError> all = new ArrayList<>(errors);
            all.add(new FieldError(field, message));
            return new CreateForm(name, description, permission, all);
        }

        public String error(String field) {
            return errors.stream().filter(e -> e.field().equals(field)).map(FieldError::message).findFirst().orElse(null);
        }

        public List<Level> levels() {
            return LEVELS;
        }

        public boolean checked(String value) {
            return value.equals(permission);
        }

        static Permission level(String value) {
            if (value == null) {
                return null;
            }
            return switch (value) {
                case "READ" -> Permission.READ;
                case "WRITE" -> Permission.WRITE;
                case "ADMIN" -> Permission.ADMIN;
                default -> null;
            };
        }
    }

    @TemplateData
    record FieldError(String field, String message) {
    }

    static String label(Permission p) {
        return switch (p) {
            case READ -> "Read";
            case WRITE -> "Write";
            case ADMIN -> "Admin";
            case PARTNER_ASHBY -> "Ashby partner";
        };
    }

    /** "name must not be blank" as a sentence: "Name must not be blank." */
    static String sentence(String field, String message) {
        String f = field.isEmpty() ? field : Character.toUpperCase(field.charAt(0)) + field.substring(1).replace('_', ' ');
        return f + " " + message + (message.endsWith(".") ? "" : ".");
    }

    static Flash flash(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "revoked" -> Flash.ok("API key revoked. It stopped working immediately.");
            default -> null;
        };
    }

    private KeyPageViews() {
    }
}

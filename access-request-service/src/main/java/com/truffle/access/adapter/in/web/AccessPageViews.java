package com.truffle.access.adapter.in.web;

import java.util.List;

import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.AccessStatus;
import com.truffle.access.domain.AuditEntry;
import com.truffle.access.domain.CompanyEntitlement;
import com.truffle.access.domain.Plan;
import com.truffle.platform.web.page.When;
import io.quarkus.qute.TemplateData;

/** What the access pages show, in the words a person reads. */
final class AccessPageViews {

    /** The status pill of API access. */
    @TemplateData
    record Status(String label, String tone, String explanation) {
        static Status of(AccessStatus s) {
            return switch (s) {
                case NONE -> new Status("Not requested", "grey", "Your company has not requested API access yet.");
                case PENDING -> new Status("Pending review", "blue", "Truffle staff are reviewing your request.");
                case APPROVED -> new Status("Approved", "green", "Your company can create API keys.");
                case REJECTED -> new Status("Rejected", "red", "Your request was not approved.");
                case SUSPENDED -> new Status("Suspended", "amber",
                        "API access is suspended while your company is not on a paid plan; your keys do not work until it is.");
            };
        }
    }

    @TemplateData
    record Access(String plan, boolean paid, Status status, boolean canRequest, RequestRow latest) {
        static Access of(CompanyEntitlement e, List<AccessRequest> requests) {
            boolean paid = e.plan() == Plan.PAID;
            AccessStatus s = e.access();
            return new Access(planLabel(e.plan()), paid, Status.of(s), paid && (s == AccessStatus.NONE || s == AccessStatus.REJECTED),
                    requests.isEmpty() ? null : RequestRow.of(requests.get(requests.size() - 1)));
        }
    }

    @TemplateData
    record RequestRow(String id, String company, String useCase, String requestedBy, String requestedAt, String status,
            String reviewer, String decidedAt, String reason) {
        static RequestRow of(AccessRequest r) {
            return new RequestRow(r.id().toString(), r.companyId().value(), r.useCase() == null ? "" : r.useCase(),
                    r.requestedBy() == null ? "" : r.requestedBy().substring(r.requestedBy().indexOf(':') + 1),
                    When.minute(r.requestedAt()), Status.of(r.status()).label(),
                    r.decision().map(d -> d.reviewer().substring(d.reviewer().indexOf(':') + 1)).orElse(""),
                    r.decision().map(d -> When.minute(d.decidedAt())).orElse(""),
                    r.decision().map(d -> d.reason() == null ? "" : d.reason()).orElse(""));
        }
    }

    @TemplateData
    record HistoryRow(String what, String who, String when, String detail) {
        static HistoryRow of(AuditEntry e) {
            String who = e.actor() == null ? "Truffle" : e.actor().substring(e.actor().indexOf(':') + 1);
            return new HistoryRow(words(e.eventType()), who, When.minute(e.occurredAt()), e.detail() == null ? "" : e.detail());
        }

        private static String words(String type) {
            return switch (type) {
                case "PlanChanged" -> "Plan changed";
                case "AccessRequested" -> "API access requested";
                case "AccessApproved" -> "Approved";
                case "AccessRejected" -> "Rejected";
                case "AccessSuspended" -> "Suspended";
                case "AccessReinstated" -> "Reinstated";
                default -> type;
            };
        }
    }

    @TemplateData
    record Company(String id, String plan, Status status, List<RequestRow> requests, List<HistoryRow> history) {
    }

    static String planLabel(Plan p) {
        return p == Plan.PAID ? "Paid" : "Trial";
    }

    private AccessPageViews() {
    }
}

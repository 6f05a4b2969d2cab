package com.truffle.platform.web.page;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestResponse;

/** A friendly page for a refusal a person reads in a browser (never a JSON problem on a page). */
@ApplicationScoped
public class ErrorPages {

    @Inject
    @Location("truffle/error")
    Template error;

    public Uni<RestResponse<String>> render(Page page, int status, String title, String message, String backHref, String backLabel) {
        return error.data("page", page).data("status", status).data("title", title).data("message", message)
                .data("backHref", backHref).data("backLabel", backLabel)
                .createUni().map(html -> Html.status(status, html));
    }
}

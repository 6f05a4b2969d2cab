package com.truffle.platform.web.page;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import com.truffle.platform.browser.BrowserContract;
import com.truffle.platform.security.Caller;
import com.truffle.platform.web.page.Page.Crumb;
import io.vertx.core.http.HttpServerRequest;

/**
 * Builds a page's {@link Page chrome} for the person the gateway forwarded: name and company from the internal
 * JWT, the session's CSRF token from the header the gateway sets ({@link BrowserContract#FORWARDED_CSRF_HEADER};
 * the gateway strips any a caller sends).
 */
@RequestScoped
public class PageContext {

    private static final Crumb COMPANY_SETTINGS = new Crumb("Company Settings", "/settings/integrations");

    @Inject
    Caller caller;
    @Inject
    HttpServerRequest request;

    /** A page of Company Settings: the trail starts at Company Settings and ends at the current page. */
    public Page company(String active, Crumb... trail) {
        return signedIn(Page.COMPANY_NAV, active, caller.companyId(), withFirst(COMPANY_SETTINGS, trail));
    }

    /** A page a signed-in person of a company reads outside Company Settings (a screening result). */
    public Page member(Crumb... trail) {
        return signedIn(null, null, caller.companyId(), List.of(trail));
    }

    public Page staff(String active, Crumb... trail) {
        return signedIn(Page.STAFF_NAV, active, null, withFirst(new Crumb("Truffle staff", "/staff/review"), trail));
    }

    public String csrf() {
        return request.getHeader(BrowserContract.FORWARDED_CSRF_HEADER);
    }

    private Page signedIn(String nav, String active, String company, List<Crumb> crumbs) {
        String name = caller.name();
        return new Page(true, name, company, csrf(), nav, active, crumbs, null);
    }

    private static List<Crumb> withFirst(Crumb first, Crumb[] rest) {
        List<Crumb> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return all;
    }
}

package com.truffle.gateway.adapter.in.http;

import com.truffle.gateway.domain.access.BrowserCookies;

/** How the gateway's cookies are set: Secure (and {@code __Host-}/{@code __Secure-} names) when the public URL is https. */
public record CookieSettings(boolean secure) {

    public String session() {
        return BrowserCookies.session(secure);
    }

    public String login() {
        return BrowserCookies.login(secure);
    }
}

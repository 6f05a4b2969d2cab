package com.truffle.platform.web.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void aPageIsUtf8HtmlAndNeverCached() {
        RestResponse<String> page = Html.status(404, "<h1>Not found</h1>");

        assertThat(page.getStatus()).isEqualTo(404);
        assertThat(page.getEntity()).isEqualTo("<h1>Not found</h1>");
        assertThat(page.getHeaderString("Content-Type")).isEqualTo("text/html;charset=UTF-8");
        assertThat(page.getHeaderString("Cache-Control")).isEqualTo("no-store");
        assertThat(Html.ok("x").getStatus()).isEqualTo(200);
    }

    @Test
    void afterAFormPostTheBrowserIsSentOnWithinTheSite() {
        RestResponse<String> next = Html.seeOther("/settings/api-keys?created=k_1");

        assertThat(next.getStatus()).isEqualTo(303);
        assertThat(next.getHeaderString("Location")).as("relative, as given: never this service's own address")
                .isEqualTo("/settings/api-keys?created=k_1");
        assertThat(next.getHeaderString("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void aRedirectOffTheSiteIsRefused() {
        for (String target : new String[] { "https://evil.example/", "//evil.example/path", "settings", "", null }) {
            assertThatThrownBy(() -> Html.seeOther(target)).as(String.valueOf(target)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

package com.truffle.platform.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

import com.truffle.platform.testing.TruffleServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A refusal a person reads is a page of the site's layout (web-kit's truffle/error), with its status, never cached. */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
class ErrorPagesTest {

    @Inject
    ErrorPages errors;

    @Test
    void theRefusalIsAPageWithItsStatusTitleMessageAndWayBack() {
        RestResponse<String> r = errors.render(Page.anonymous(), 410, "Link expired", "This <screening> link has expired.",
                "/start?from=mail&again=1", "Start again").await().atMost(Duration.ofSeconds(10));

        assertThat(r.getStatus()).isEqualTo(410);
        assertThat(r.getHeaderString("Content-Type")).isEqualTo(Html.MEDIA_TYPE);
        assertThat(r.getHeaderString("Cache-Control")).isEqualTo("no-store");
        String html = r.getEntity();
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html).contains("<title>Link expired · Truffle</title>");
        assertThat(html).contains("<h1 id=\"error-title\">Link expired</h1>");
        assertThat(html).as("text is escaped").contains("This &lt;screening&gt; link has expired.").doesNotContain("<screening>");
        assertThat(html).contains("href=\"/start?from=mail&amp;again=1\">Start again</a>");
        assertThat(html).as("nobody is signed in").doesNotContain("Signed in as");
    }

    @Test
    void withoutAWayBackThereIsNoButtonAndASignedInPersonKeepsTheirChrome() {
        Page page = new Page(true, "Ada", "acme", "csrf-1", Page.COMPANY_NAV, "api-keys", List.of(), null);

        String html = errors.render(page, 404, "Not found", "No such key.", null, null).await().atMost(Duration.ofSeconds(10))
                .getEntity();

        assertThat(html).doesNotContain("button-secondary");
        assertThat(html).contains("Signed in as <strong>Ada</strong> · acme");
        assertThat(html).contains("name=\"csrf_token\" value=\"csrf-1\"");
        assertThat(html).contains("href=\"/settings/api-keys\" aria-current=\"page\"");
    }
}

package com.truffle.platform.web.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.truffle.platform.web.page.Page.Crumb;
import com.truffle.platform.web.page.Page.Flash;

class PageTest {

    @Test
    void anAnonymousPageHasNobodyAndNoTrail() {
        Page p = Page.anonymous();

        assertThat(p.signedIn()).isFalse();
        assertThat(p.name()).isNull();
        assertThat(p.csrf()).isNull();
        assertThat(p.nav()).isNull();
        assertThat(p.crumbs()).isEmpty();
    }

    @Test
    void theTrailIsNeverNullAndCannotChangeUnderThePage() {
        List<Crumb> trail = new ArrayList<>(List.of(new Crumb("Company Settings", "/settings/integrations")));
        Page p = new Page(true, "Ada", "acme", "t", Page.COMPANY_NAV, "api-keys", trail, null);
        trail.add(new Crumb("Injected", "/x"));

        assertThat(p.crumbs()).extracting(Crumb::label).containsExactly("Company Settings");
        assertThatThrownBy(() -> p.crumbs().add(new Crumb("x", "/x"))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new Page(false, null, null, null, null, null, null, null).crumbs()).isEmpty();
    }

    @Test
    void aFlashIsAddedWithoutChangingAnythingElse() {
        Page p = new Page(true, "Ada", "acme", "t", Page.COMPANY_NAV, "api-keys", List.of(new Crumb("A", "/a")), null);

        Page flashed = p.withFlash(Flash.ok("Key created."));

        assertThat(flashed.flash()).isEqualTo(new Flash("ok", "Key created."));
        assertThat(flashed.withFlash(null)).isEqualTo(p);
    }

    @Test
    void eachFlashHasItsTone() {
        assertThat(List.of(Flash.ok("m"), Flash.info("m"), Flash.warn("m"), Flash.bad("m"))).extracting(Flash::tone)
                .containsExactly("ok", "info", "warn", "bad");
    }
}

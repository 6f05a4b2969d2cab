package com.truffle.platform.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.junit.jupiter.api.Test;

class ContentTypeCheckTest {

    final ContentTypeCheck check = new ContentTypeCheck();

    @Test
    void aReadableContentTypeOrNoneGoesOn() {
        for (String type : new String[] { null, "application/json", "application/json; charset=UTF-8",
                "application/x-www-form-urlencoded", "text/html;\tcharset=utf-8" }) {
            assertThatCode(() -> check.refuseUnreadable(request(type))).as(String.valueOf(type)).doesNotThrowAnyException();
        }
    }

    /** Unreadable by the parser routing uses (a lenient one: an unterminated quoted parameter still parses, and routes). */
    @Test
    void anUnreadableOneIsRefused415BeforeRouting() {
        for (String type : new String[] { "", "json", "application/", "/json", "été/json", "application/json\u0000" }) {
            assertThatThrownBy(() -> check.refuseUnreadable(request(type))).as(type).isInstanceOf(NotSupportedException.class);
        }
    }

    /** A request whose only header is its Content-Type (the filter reads nothing else). */
    static ContainerRequestContext request(String contentType) {
        return (ContainerRequestContext) Proxy.newProxyInstance(ContentTypeCheckTest.class.getClassLoader(),
                new Class<?>[] { ContainerRequestContext.class }, (proxy, method, args) -> {
                    if (method.getName().equals("getHeaderString") && "Content-Type".equalsIgnoreCase((String) args[0])) {
                        return contentType;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

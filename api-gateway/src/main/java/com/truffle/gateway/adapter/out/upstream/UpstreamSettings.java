package com.truffle.gateway.adapter.out.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import com.truffle.gateway.domain.routing.Upstream;

/**
 * Base URL of each service (scheme, host, port; no path), how long a service may stay silent, the pool size, and
 * where the pages' forms may lead besides this site ({@code formTargets}: the identity provider, for sign-out).
 */
public record UpstreamSettings(Map<Upstream, URI> urls, Duration timeout, int maxConnectionsPerService, String formTargets) {

    public UpstreamSettings {
        urls = Map.copyOf(urls);
        for (Upstream u : Upstream.values()) {
            URI uri = urls.get(u);
            if (uri == null || uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
                throw new IllegalArgumentException("the URL of " + u.serviceName() + " must be http(s)://host[:port], got " + uri);
            }
        }
    }
}

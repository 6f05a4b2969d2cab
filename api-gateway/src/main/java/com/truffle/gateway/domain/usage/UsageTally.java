package com.truffle.gateway.domain.usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key request counts and first/last-seen times, aggregated in memory between two publications: a request
 * costs one map update, never a write anywhere (DESIGN §3, anchors §12 goal 11). Exact under concurrency: a
 * request counted while a drain runs lands in this window or the next, never nowhere.
 */
public final class UsageTally {

    private static final class Window {
        final String companyId;
        long count;
        long firstAtMillis;
        long lastAtMillis;

        Window(String companyId, long atMillis) {
            this.companyId = companyId;
            this.firstAtMillis = atMillis;
            this.lastAtMillis = atMillis;
        }
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public void record(String keyId, String companyId, long atMillis) {
        // compute runs under the bin's lock, as does remove in drain(): no count is lost between the two
        windows.compute(keyId, (k, w) -> {
            Window window = w == null ? new Window(companyId, atMillis) : w;
            window.count++;
            if (atMillis > window.lastAtMillis) {
                window.lastAtMillis = atMillis;
            }
            return window;
        });
    }

    /** Everything counted since the last drain, which starts a new window. */
    public List<KeyUsage> drain() {
        List<KeyUsage> out = new ArrayList<>();
        for (String keyId : windows.keySet()) {
            Window w = windows.remove(keyId);
            if (w != null) {
                out.add(new KeyUsage(keyId, w.companyId, w.count, Instant.ofEpochMilli(w.firstAtMillis),
                        Instant.ofEpochMilli(w.lastAtMillis)));
            }
        }
        return out;
    }

    /** Puts back usage that could not be published, merged with whatever was counted meanwhile. */
    public void restore(List<KeyUsage> unpublished) {
        for (KeyUsage u : unpublished) {
            windows.compute(u.keyId(), (k, w) -> {
                if (w == null) {
                    Window window = new Window(u.companyId(), u.firstAt().toEpochMilli());
                    window.count = u.count();
                    window.lastAtMillis = u.lastAt().toEpochMilli();
                    return window;
                }
                w.count += u.count();
                w.firstAtMillis = Math.min(w.firstAtMillis, u.firstAt().toEpochMilli());
                w.lastAtMillis = Math.max(w.lastAtMillis, u.lastAt().toEpochMilli());
                return w;
            });
        }
    }

    /** Keys with usage waiting to be published. */
    public int pendingKeys() {
        return windows.size();
    }
}

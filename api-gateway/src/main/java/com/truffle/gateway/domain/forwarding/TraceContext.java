package com.truffle.gateway.domain.forwarding;

import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C trace context ({@code traceparent: 00-<trace-id>-<parent-id>-<flags>}). The gateway is a hop of the trace:
 * it keeps a valid incoming trace id and flags, names itself the parent, and starts a trace when none (or a
 * malformed one) arrives.
 */
public final class TraceContext {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The traceparent to send upstream for the incoming one (may be null). */
    public static String forward(String incoming) {
        String span = randomHex(16);
        if (isValid(incoming)) {
            return "00-" + incoming.substring(3, 35) + "-" + span + "-" + incoming.substring(53, 55);
        }
        return "00-" + randomHex(32) + "-" + span + "-01";
    }

    public static String traceId(String traceparent) {
        return isValid(traceparent) ? traceparent.substring(3, 35) : null;
    }

    static boolean isValid(String tp) {
        if (tp == null || tp.length() != 55 || tp.charAt(2) != '-' || tp.charAt(35) != '-' || tp.charAt(52) != '-') {
            return false;
        }
        // version ff is invalid; only lowercase hex; all-zero ids are invalid
        return isHex(tp, 0, 2) && !tp.startsWith("ff") && isHex(tp, 3, 35) && isHex(tp, 36, 52) && isHex(tp, 53, 55)
                && !allZero(tp, 3, 35) && !allZero(tp, 36, 52);
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    private static String randomHex(int digits) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[digits];
        for (int i = 0; i < digits; i++) {
            out[i] = HEX[r.nextInt(16)];
        }
        if (allZero(new String(out), 0, digits)) {
            out[digits - 1] = '1';
        }
        return new String(out);
    }

    private TraceContext() {
    }
}

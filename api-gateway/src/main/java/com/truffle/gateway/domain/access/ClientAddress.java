package com.truffle.gateway.domain.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who the client is, for the limits that are per client: the socket's peer, unless that peer is a proxy we trust (the
 * ingress controller), in which case the right-most address of {@code X-Forwarded-For} that is not one of ours. A
 * client cannot choose its address by sending the header: from an untrusted peer it is ignored.
 */
public final class ClientAddress {

    /** Only literal addresses are parsed: never a DNS lookup on the request path. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private record Cidr(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Cidr> trusted;

    private ClientAddress(List<Cidr> trusted) {
        this.trusted = trusted;
    }

    /** Trusting the proxies in these CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8}, or a single address). */
    public static ClientAddress trusting(List<String> cidrs) {
        List<Cidr> parsed = new ArrayList<>();
        for (String cidr : cidrs) {
            String c = cidr.trim();
            if (c.isEmpty()) {
                continue;
            }
            int slash = c.indexOf('/');
            byte[] network = literal(slash < 0 ? c : c.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("not an address or CIDR block: " + c);
            }
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(c.substring(slash + 1));
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + c);
            }
            parsed.add(new Cidr(network, bits));
        }
        return new ClientAddress(List.copyOf(parsed));
    }

    public static ClientAddress trustingNoProxy() {
        return new ClientAddress(List.of());
    }

    /** The client of a request whose socket peer is {@code peer}, carrying {@code forwardedFor} (or null). */
    public String of(String peer, String forwardedFor) {
        if (peer == null || peer.isBlank()) {
            return "unknown";
        }
        if (forwardedFor == null || forwardedFor.isBlank() || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (literal(hop) == null) {
                return peer; // garbage in the chain: the last trusted hop is all we know
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return hops[0].trim();
    }

    private boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        if (bytes == null) {
            return false;
        }
        for (Cidr c : trusted) {
            if (c.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] literal(String text) {
        if (text == null || !LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }
}

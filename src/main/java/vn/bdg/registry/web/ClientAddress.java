package vn.bdg.registry.web;

import vn.bdg.registry.Config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address of the client a request comes from, for per-client limits. Behind a reverse proxy
 * every request arrives from the proxy, so that all clients would share one allowance: when the
 * connection comes from a trusted proxy (TRUSTED_PROXIES, addresses or CIDR ranges), the client is
 * the rightmost address of X-Forwarded-For (all its lines) that is not itself a trusted proxy, without the
 * port some proxies write after it. From anyone else the header is ignored: a client could write any
 * address there to get a fresh allowance.
 */
public final class ClientAddress {
    private record Range(byte[] network, int prefixBits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixBits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * An address written with its port, as some proxies write the client ("203.0.113.7:40001",
     * "[2001:db8::7]:40001"; Azure Application Gateway does): group 1 or 2 is the address.
     */
    private static final Pattern WITH_PORT = Pattern.compile(
            "(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}|\\[([0-9A-Fa-f:.]+)]:\\d{1,5}");

    private final List<Range> trustedProxies;

    /** trustedProxies: addresses ("10.0.0.5") or ranges ("10.0.0.0/8", "fd00::/8"). */
    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(ClientAddress::range).toList();
    }

    public String of(String connectionAddress, String forwardedFor) {
        return of(connectionAddress, forwardedFor == null ? List.of() : List.of(forwardedFor));
    }

    /**
     * forwardedFor: every X-Forwarded-For line of the request, in order. They are one list
     * (RFC 9110, 5.3): a proxy that adds a line of its own rather than appending to the client's
     * puts the address it saw last, and the first line is whatever the client wrote.
     */
    public String of(String connectionAddress, List<String> forwardedFor) {
        if (forwardedFor.isEmpty() || trustedProxies.isEmpty() || !trusted(connectionAddress)) {
            return connectionAddress;
        }
        String[] hops = String.join(",", forwardedFor).split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = withoutPort(hops[i].strip());
            if (!hop.isEmpty() && !trusted(hop)) {
                return hop;
            }
        }
        return connectionAddress;
    }

    /**
     * The address of a hop without the port a proxy may have written after it: each connection of
     * a client comes from another port, so counting it would give every connection a fresh allowance.
     */
    private static String withoutPort(String hop) {
        Matcher m = WITH_PORT.matcher(hop);
        return !m.matches() ? hop : m.group(1) != null ? m.group(1) : m.group(2);
    }

    /**
     * The client as the per-client limits count it: {@link #of} for IPv4, and for IPv6 the /64
     * network the address lies in ("2001:db8:7:7::/64"). A phone or a host is given a whole /64
     * and may pick a new address in it for every request, so counting single IPv6 addresses would
     * give it an unbounded number of allowances.
     */
    public String client(String connectionAddress, List<String> forwardedFor) {
        return limitKey(of(connectionAddress, forwardedFor));
    }

    static String limitKey(String address) {
        byte[] bytes = literal(address);
        if (bytes == null) {
            return address;
        }
        if (bytes.length == 4) { // also an IPv4-mapped IPv6 address: one client, one key
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        StringBuilder key = new StringBuilder();
        for (int group = 0; group < 4; group++) {
            key.append(Integer.toHexString(((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff))).append(':');
        }
        return key.append(":/64").toString();
    }

    private boolean trusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && trustedProxies.stream().anyMatch(r -> r.contains(bytes));
    }

    /** One address or range; anything else stops the start with one line naming the setting, not a stack trace. */
    private static Range range(String text) {
        String[] parts = text.strip().split("/", 2);
        byte[] network = literal(parts[0]);
        int bits = network == null ? -1 : parts.length == 1 ? network.length * 8
                : parts[1].matches("\\d{1,3}") ? Integer.parseInt(parts[1]) : -1;
        if (bits < 0 || bits > network.length * 8) {
            throw new Config.Invalid("TRUSTED_PROXIES must be IP addresses or ranges (10.0.0.5, 10.0.0.0/8, "
                    + "fd00::/8) separated by commas, not \"" + text + "\"");
        }
        return new Range(network, bits);
    }

    /** The bytes of an IP address literal, or null for anything else (never a DNS lookup). */
    private static byte[] literal(String text) {
        boolean ipv4 = text != null && text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = text != null && text.matches("\\[?[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*]?");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}

package dev.cms.web.health;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A list of address ranges ({@code 127.0.0.0/8, ::1, 10.1.2.0/24}) and whether an address is in
 * one of them. Only literal addresses are accepted, never host names: a check on every request
 * must not wait on DNS, nor trust what DNS says.
 */
final class AllowedAddresses {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private record Range(byte[] network, int prefix) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private AllowedAddresses(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Parses a comma-separated list; a bad entry is refused with a message naming it. */
    static AllowedAddresses parse(String list) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : list.split(",")) {
            String range = entry.strip();
            if (range.isEmpty()) {
                continue;
            }
            int slash = range.indexOf('/');
            String address = slash < 0 ? range : range.substring(0, slash);
            byte[] bytes = literal(address, list);
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(range.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw invalid(range, list);
                }
            }
            ranges.add(new Range(bytes, prefix));
        }
        return new AllowedAddresses(ranges);
    }

    boolean allows(InetAddress address) {
        byte[] bytes = address.getAddress();
        return ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    /** An address as written in a header: true only for a literal address in the list. */
    boolean allows(String address) {
        String literal = address.strip();
        if (literal.startsWith("[") && literal.contains("]")) {
            literal = literal.substring(1, literal.indexOf(']'));
        }
        if (!LITERAL.matcher(literal).matches()) {
            return false;
        }
        try {
            return allows(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static byte[] literal(String address, String list) {
        if (!LITERAL.matcher(address).matches()) {
            throw invalid(address, list);
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw invalid(address, list);
        }
    }

    private static IllegalArgumentException invalid(String entry, String list) {
        return new IllegalArgumentException("CMS_METRICS_ALLOWED (cms.metrics.allowed) must list addresses or ranges"
                + " such as 127.0.0.1, ::1 or 10.0.0.0/8; '" + entry + "' in '" + list + "' is not one");
    }
}

package dev.cms.web.health;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CMS_METRICS_ALLOWED: single addresses and ranges, IPv4 and IPv6, never host names. */
class AllowedAddressesTest {

    @Test
    void rangesMatchTheirAddressesAndNoOthers() throws Exception {
        AllowedAddresses allowed = AllowedAddresses.parse("127.0.0.0/8, ::1, 10.1.2.0/23,2001:db8::/32");

        assertTrue(allowed.allows(InetAddress.getByName("127.0.0.1")));
        assertTrue(allowed.allows(InetAddress.getByName("127.255.0.9")));
        assertTrue(allowed.allows(InetAddress.getByName("::1")));
        assertTrue(allowed.allows(InetAddress.getByName("10.1.3.200")));
        assertFalse(allowed.allows(InetAddress.getByName("10.1.4.1")));
        assertTrue(allowed.allows(InetAddress.getByName("2001:db8:ffff::1")));
        assertFalse(allowed.allows(InetAddress.getByName("2001:db9::1")));
        assertFalse(allowed.allows(InetAddress.getByName("192.168.1.1")));
        assertFalse(allowed.allows(InetAddress.getByName("::2")));
        assertTrue(allowed.allows("[::1]"));
        assertFalse(allowed.allows("localhost"), "a name is never looked up");
        assertFalse(allowed.allows("unknown"));
    }

    @Test
    void everyAddressCanBeAllowedOnPurpose() throws Exception {
        AllowedAddresses all = AllowedAddresses.parse("0.0.0.0/0,::/0");

        assertTrue(all.allows(InetAddress.getByName("203.0.113.9")));
        assertTrue(all.allows(InetAddress.getByName("2001:db8::9")));
    }

    @Test
    void aBadEntryIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AllowedAddresses.parse("127.0.0.1, prometheus.internal"));
        assertTrue(e.getMessage().contains("'prometheus.internal'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AllowedAddresses.parse("10.0.0.0/33"));
    }
}

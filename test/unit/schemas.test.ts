import { canonicalCidr, interfaceAddress, ipAddress, networkCidr } from "../../provider/schemas/addresses";
import { interfaceName, namespaceName } from "../../provider/schemas/names";

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) => schema.safeParse(v).success;

describe("interface names", () => {
    test.each(["br0", "veth0", "ceth_red", "a", "x.y-z_1", "123456789012345", "upper", "ifb0", "if", "iface7"])("accepts %s", (n) => {
        expect(ok(interfaceName, n)).toBe(true);
    });
    test.each([
        ["", "empty"],
        ["1234567890123456", "16 characters"],
        ["-br0", "leading dash"],
        ["br 0", "space"],
        ["br0;rm", "shell metacharacter"],
        ["a/b", "slash"],
        [".", "dot"],
        ["..", "dot dot"],
        ["bré", "non-ASCII"],
        ["$(id)", "command substitution"],
        ["up", "an ip keyword (ip link add up ... names a kernel-made bridge0)"],
        ["down", "an ip keyword"],
        ["type", "an ip keyword"],
        ["mtu", "an ip keyword"],
        ["help", "an ip keyword"],
        ["if7", "read by ip as ifindex 7"],
        ["if123", "read by ip as ifindex 123"],
    ])("refuses %j (%s)", (n) => {
        expect(ok(interfaceName, n)).toBe(false);
    });
});

describe("namespace names", () => {
    test.each(["ns1", "red", "green", "a-b.c_d"])("accepts %s", (n) => expect(ok(namespaceName, n)).toBe(true));
    test.each(["all", "default", "-n", "a/b", "", "x".repeat(65)])("refuses %j", (n) => {
        expect(ok(namespaceName, n)).toBe(false);
    });
});

describe("addresses", () => {
    test.each(["192.168.1.1", "::1", "2001:db8::1"])("ip accepts %s", (a) => expect(ok(ipAddress, a)).toBe(true));
    test.each(["192.168.1.256", "192.168.001.1", "1.2.3", "fe80::1%eth0", "host", ""])("ip refuses %j", (a) => {
        expect(ok(ipAddress, a)).toBe(false);
    });
    test.each(["192.168.1.1/24", "10.0.0.1/32", "2001:db8::1/64"])("interface address accepts %s", (a) => {
        expect(ok(interfaceAddress, a)).toBe(true);
    });
    test.each(["192.168.1.1", "192.168.1.1/33", "192.168.1.1/0", "192.168.1.1/024", "2001:db8::1/129", "x/24"])("interface address refuses %j", (a) =>
        expect(ok(interfaceAddress, a)).toBe(false),
    );
    test.each(["192.168.1.0/24", "0.0.0.0/0", "2001:db8::/64", "10.0.0.0/8"])("network accepts %s", (a) => {
        expect(ok(networkCidr, a)).toBe(true);
    });
    test.each(["192.168.1.5/24", "2001:db8::1/64", "192.168.1.0"])("network refuses %j", (a) => {
        expect(ok(networkCidr, a)).toBe(false);
    });
    test("canonical spelling matches the kernel's", () => {
        expect(canonicalCidr("2001:DB8:0:0::1/64")).toBe("2001:db8::1/64");
        expect(canonicalCidr("192.168.1.1/24")).toBe("192.168.1.1/24");
    });
});

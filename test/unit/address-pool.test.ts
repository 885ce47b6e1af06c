// The address pool's allocation, pure: exact tables and properties over generated member lists.
import fc from "fast-check";
import { allocate, gatewayOf, hostNumber, PoolError } from "../../provider/resources/address-pool/allocate";
import { interfaceName } from "../../provider/schemas/names";
import { hostEndName } from "../../sdk/network-plan";

const pool = { subnet: "192.168.1.0/24", subnet6: "fd00:1::/64" };
const keys = (...names: string[]) => names.map((key) => ({ key }));

test("the gateway is the first host address, and never a member's", () => {
    expect(gatewayOf("192.168.1.0/24")).toBe("192.168.1.1");
    expect(gatewayOf("fd00:1::/64")).toBe("fd00:1::1");
    expect(allocate(pool, keys("ns1", "ns2"))).toEqual({
        ns1: { ipv4: "192.168.1.2", ipv6: "fd00:1::2" },
        ns2: { ipv4: "192.168.1.3", ipv6: "fd00:1::3" },
    });
});

test("adding or removing a member moves no other; a freed address is reused by a later new member", () => {
    const first = allocate(pool, keys("a", "b", "c"));
    const removed = allocate(pool, keys("a", "c"), first);
    expect(removed).toEqual({ a: first.a, c: first.c });
    const added = allocate(pool, keys("a", "c", "d"), removed);
    expect(added).toEqual({ a: first.a, c: first.c, d: first.b });
});

test("fixed addresses are reserved, checked and never handed to another", () => {
    expect(allocate(pool, [{ key: "db", address: "192.168.1.2" }, { key: "web" }])).toEqual({
        db: { ipv4: "192.168.1.2", ipv6: "fd00:1::2" },
        web: { ipv4: "192.168.1.3", ipv6: "fd00:1::3" },
    });
    expect(() => allocate(pool, [{ key: "x", address: "192.168.1.1" }])).toThrow(/x: 192\.168\.1\.1 is the network's gateway/);
    expect(() => allocate(pool, [{ key: "x", address: "192.168.1.255" }])).toThrow(PoolError);
    expect(() => allocate(pool, [{ key: "x", address: "10.0.0.5" }])).toThrow(/x: 10\.0\.0\.5 is not in 192\.168\.1\.0\/24/);
    expect(() =>
        allocate(pool, [
            { key: "x", address: "192.168.1.9" },
            { key: "y", address: "192.168.1.9" },
        ]),
    ).toThrow(PoolError);
});

test("a full pool is refused, naming the member", () => {
    expect(allocate({ subnet: "10.0.0.0/30" }, keys("a"))).toEqual({ a: { ipv4: "10.0.0.2" } });
    expect(() => allocate({ subnet: "10.0.0.0/30" }, keys("a", "b"))).toThrow(/no free address left in 10\.0\.0\.0\/30 for b/);
});

test("property: every allocation is unique, inside the subnet, never reserved, and stable for the members kept", () => {
    const names = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), { maxLength: 40 });
    fc.assert(
        fc.property(names, names, (before, after) => {
            const first = allocate(pool, keys(...before));
            const second = allocate(pool, keys(...after), first);
            const v4 = Object.values(second).map((a) => a.ipv4);
            expect(new Set(v4).size).toBe(v4.length);
            for (const ip of v4) {
                const n = hostNumber(pool.subnet, ip)!;
                expect(n > 1n && n < 255n).toBe(true);
            }
            for (const key of after.filter((k) => before.includes(k))) {
                expect(second[key]).toEqual(first[key]);
            }
        }),
        { numRuns: 500 },
    );
});

test("veth host ends: derived from the namespace name, valid and within 15 characters, distinct for long names", () => {
    expect(hostEndName("ns1")).toBe("ve-ns1");
    expect(hostEndName("a-very-long-namespace")).toMatch(/^ve-a-very--[0-9a-f]{4}$/);
    expect(hostEndName("a-very-long-namespace")).not.toBe(hostEndName("a-very-long-namespaces"));
    fc.assert(
        fc.property(fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,40}$/), (ns) => {
            expect(interfaceName.safeParse(hostEndName(ns)).success).toBe(true);
        }),
    );
});

// Property-based tests over every input schema (1000+ generated cases each): every invalid name,
// address, network, port or protocol is refused by check with the field named; every valid one
// passes; nothing option-like or shell-like can reach a command line.
import fc from "fast-check";
import { factories } from "../../provider";
import * as ip from "../../provider/linux/ip-argv";
import { bridgeInputs } from "../../provider/resources/bridge/schema";
import { checkInputs } from "../../provider/resources/common/check";
import { masqueradeRuleInputs } from "../../provider/resources/masquerade-rule/schema";
import { namespaceInputs } from "../../provider/resources/namespace/schema";
import { portForwardInputs } from "../../provider/resources/port-forward/schema";
import { routeInputs } from "../../provider/resources/route/schema";
import { vethPairInputs } from "../../provider/resources/veth-pair/schema";
import { IP_KEYWORDS } from "../../provider/schemas/names";

const RUNS = { numRuns: 1000 };
const ownerTag = "0123456789ab";

/** What the kernel and `ip` accept as a name we are willing to pass: the reference predicate. */
/** An interface name must also not be an `ip` keyword nor read as an ifindex ("if7"). */
const isSafeInterfaceName = (s: string) => isSafeName(s, 15) && !IP_KEYWORDS.has(s) && !/^if\d+$/.test(s);

const isSafeName = (s: string, max: number) => s.length >= 1 && s.length <= max && /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/.test(s) && s !== "." && s !== "..";

// Names drawn from a hostile alphabet: shell metacharacters, dashes, slashes, spaces, unicode.
const hostileChar = fc.constantFrom(..."abcXYZ019_.-/ ;|&$`'\"\\()<>*?!#~=%\n\té".split(""));
const hostileName = fc.oneof(
    fc.string({ unit: hostileChar, minLength: 0, maxLength: 24 }),
    fc.string({ minLength: 0, maxLength: 20 }),
    fc.constantFrom("-n", "--help", "all", "default", "a".repeat(16), "$(reboot)", "`id`", "x;rm -rf /", "up", "type", "if7"),
);
const safeName = fc.string({ unit: fc.constantFrom(..."abcdefXYZ0123456789_.-".split("")), minLength: 1, maxLength: 15 }).filter(isSafeInterfaceName);

/** The fields named: a nested one ("addresses[0]") is reported on its top-level field, its path leading the reason. */
const failedFields = (schema: Parameters<typeof checkInputs>[0], news: Record<string, unknown>) =>
    (checkInputs(schema, news).failures ?? []).map((f) => /^(\S+\[\d+\]\S*) is /.exec(f.reason)?.[1] ?? f.property);

test("interface names: refused exactly when unsafe, with the field named", () => {
    fc.assert(
        fc.property(hostileName, (name) => {
            const fields = failedFields(bridgeInputs, { name, addresses: [], ownerTag });
            expect(fields.includes("name")).toBe(!isSafeInterfaceName(name));
        }),
        RUNS,
    );
});

test("namespace names: refused exactly when unsafe or reserved", () => {
    fc.assert(
        fc.property(hostileName, (name) => {
            const fields = failedFields(namespaceInputs, { name, ownerTag });
            const ok = isSafeName(name, 64) && name !== "all" && name !== "default";
            expect(fields.includes("name")).toBe(!ok);
        }),
        RUNS,
    );
});

test("veth names and namespace: every unsafe one named, every safe combination accepted", () => {
    fc.assert(
        fc.property(hostileName, safeName, hostileName, (hostName, peerName, namespace) => {
            const fields = failedFields(vethPairInputs, { hostName, peerName, namespace, addresses: [], ownerTag });
            expect(fields.includes("hostName")).toBe(!isSafeInterfaceName(hostName));
            expect(fields.includes("peerName")).toBe(false);
            expect(fields.includes("namespace")).toBe(!(isSafeName(namespace, 64) && !["all", "default"].includes(namespace)));
        }),
        RUNS,
    );
});

test("accepted names can never read as an option or leave their argv slot", () => {
    fc.assert(
        fc.property(safeName, safeName, (a, b) => {
            const words = [ip.linkShow(a, b), ip.bridgeAdd(a), ip.vethAdd(a, b, a), ip.linkSetMaster(a, b)].flat();
            const optionLike = words.filter((w) => w.startsWith("-") && !["-n", "-j", "-d"].includes(w));
            const shellLike = words.filter((w) => /[\s;|&$`'"\\<>]/.test(w));
            expect([...optionLike, ...shellLike]).toEqual([]);
        }),
        RUNS,
    );
});

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join("."));

test("interface addresses: a valid IPv4 with prefix 1-32 passes, anything else is named", () => {
    fc.assert(
        fc.property(ipv4, fc.integer({ min: -5, max: 140 }), fc.string({ maxLength: 4 }), (addr, prefix, junk) => {
            const good = `${addr}/${prefix}`;
            const fields = failedFields(bridgeInputs, { name: "br0", addresses: [good, `${addr}${junk}/x`], ownerTag });
            expect(fields.includes("addresses[0]")).toBe(!(prefix >= 1 && prefix <= 32));
            expect(fields.includes("addresses[1]")).toBe(true);
        }),
        RUNS,
    );
});

test("networks: accepted only with zero host bits", () => {
    fc.assert(
        fc.property(ipv4, fc.integer({ min: 0, max: 32 }), (addr, prefix) => {
            const value = addr.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
            const hostBits = prefix === 32 ? 0 : value % 2 ** (32 - prefix);
            const fields = failedFields(masqueradeRuleInputs, { sourceCidr: `${addr}/${prefix}`, ownerTag });
            expect(fields.includes("sourceCidr")).toBe(hostBits !== 0);
        }),
        RUNS,
    );
});

test("ports and protocols: 1-65535 and tcp|udp only", () => {
    fc.assert(
        fc.property(fc.oneof(fc.integer({ min: -10, max: 70000 }), fc.double()), fc.string({ maxLength: 5 }), (port, protocol) => {
            const fields = failedFields(portForwardInputs, { hostPort: port, targetAddress: "192.168.1.10", protocol, ownerTag });
            expect(fields.includes("hostPort")).toBe(!(Number.isInteger(port) && port >= 1 && port <= 65535));
            expect(fields.includes("protocol")).toBe(!["tcp", "udp"].includes(protocol));
        }),
        RUNS,
    );
});

test("addresses in any unknown form are refused where an address is expected", () => {
    fc.assert(
        fc.property(fc.string({ maxLength: 40 }), (text) => {
            const fields = failedFields(routeInputs, { destination: "default", via: text });
            const looksValid = /^\d{1,3}(\.\d{1,3}){3}$/.test(text) && text.split(".").every((o) => Number(o) <= 255 && String(Number(o)) === o);
            if (!text.includes(":")) {
                expect(fields.includes("via")).toBe(!looksValid);
            }
        }),
        RUNS,
    );
});

test("every resource kind has a schema-checked provider (StackIdentity and AddressPool touch no machine)", () => {
    expect(Object.keys(factories).sort()).toEqual([
        "AddressPool",
        "Bridge",
        "MasqueradeRule",
        "Namespace",
        "PortForward",
        "Probe",
        "ResolvConf",
        "Route",
        "Service",
        "StackIdentity",
        "SysctlForward",
        "VethPair",
        "VxlanTunnel",
    ]);
});

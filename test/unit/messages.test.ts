// What a user reads when a value of theirs is refused: input -> exact text. Each message says what is
// wrong with the user's own value and a way out that is safe on a machine reached over SSH.
import { addressPoolInputs } from "../../provider/resources/address-pool/schema";
import { bridgeInputs } from "../../provider/resources/bridge/schema";
import { checkInputs } from "../../provider/resources/common/check";
import { masqueradeRuleInputs } from "../../provider/resources/masquerade-rule/schema";
import { portForwardInputs } from "../../provider/resources/port-forward/schema";
import { likelyCause, type PathFacts } from "../../provider/resources/probe/diagnosis";
import { probeInputs } from "../../provider/resources/probe/schema";
import { resolvConfInputs } from "../../provider/resources/resolv-conf/schema";
import { routeTaken } from "../../provider/resources/route/kind";
import { subnetProblem } from "../../sdk/network-plan";

const ownerTag = "0123456789ab";
const failures = (schema: Parameters<typeof checkInputs>[0], news: Record<string, unknown>) =>
    (checkInputs(schema, { ownerTag, ...news }).failures ?? []).map((f) => `${f.property}: ${f.reason}`);

test.each([
    [
        "a /33 subnet: only what is wrong with it, no pool planned from it",
        failures(addressPoolInputs, { network: "lab", subnet: "10.77.0.0/33", members: [{ key: "ns1" }] }),
        ["subnet: must be a network with a prefix length and zero host bits, such as 192.168.1.0/24"],
    ],
    [
        "a Network's /33 subnet, before anything is planned from it",
        [subnetProblem("subnet", "10.77.0.0/33", 4)],
        ['subnet "10.77.0.0/33" must be a network with a prefix length and zero host bits, such as 192.168.1.0/24'],
    ],
    [
        "a bad bridge address: the typo itself in the message",
        failures(bridgeInputs, { name: "br0", addresses: ["192.168.1.300/24"] }),
        ['addresses: addresses[0] is "192.168.1.300/24": must be an address with a prefix length such as 192.168.1.1/24'],
    ],
    [
        "a namespace route that collides: deleted there, or another metric; never the host's",
        [routeTaken({ destination: "default", namespace: "ns1", via: "192.168.1.1" }, "this machine")],
        [
            "a route to default already exists in namespace ns1 on this machine, and this Route did not make it (routes it makes carry " +
                "proto 245). Delete it there (`ip -n ns1 route del default`) if nothing needs it, or give this Route another metric.",
        ],
    ],
    [
        "a host route that collides: never deleted, another metric instead",
        [routeTaken({ destination: "10.99.0.0/16", via: "198.51.100.2", metric: 5 }, "root@203.0.113.10:22")],
        [
            "a route to 10.99.0.0/16 metric 5 already exists in the host's own table on root@203.0.113.10:22, and this Route did not make " +
                "it (routes it makes carry proto 245). Leave it: on a machine reached over the network it may carry the session. Give this " +
                "Route another metric (a higher one, to stand behind it), or put it in a namespace.",
        ],
    ],
    [
        "a MasqueradeRule of 0.0.0.0/1 with acceptForward",
        failures(masqueradeRuleInputs, { sourceCidr: "0.0.0.0/1", excludeOutInterface: "br0", acceptForward: true }),
        ["sourceCidr: with acceptForward must be /8 or longer (/16 for IPv6): a shorter prefix would open FORWARD to nearly every address"],
    ],
    [
        "PortForward targets that name no single host",
        [
            ...failures(portForwardInputs, { hostPort: 80, targetAddress: "0.0.0.0" }),
            ...failures(portForwardInputs, { hostPort: 80, targetAddress: "255.255.255.255" }),
            ...failures(portForwardInputs, { hostPort: 80, targetAddress: "224.0.0.251" }),
            ...failures(portForwardInputs, { hostPort: 80, targetAddress: "ff02::1" }),
            ...failures(portForwardInputs, { hostPort: 80, targetAddress: "fd00:1::10", hostAddress: "::" }),
        ],
        [
            "targetAddress: is the unspecified address, which names no host: give one machine's address, such as 192.168.1.10",
            "targetAddress: is the broadcast address, which names no single host: give one machine's address, such as 192.168.1.10",
            "targetAddress: is a multicast group, which names no single host: give one machine's address, such as 192.168.1.10",
            "targetAddress: is a multicast group, which names no single host: give one machine's address, such as 192.168.1.10",
            "hostAddress: is the unspecified address, which names no host: give one machine's address, such as 192.168.1.10",
        ],
    ],
    [
        "search domains past RFC 1035's limits",
        [
            ...failures(resolvConfInputs, { namespace: "ns1", nameservers: ["198.51.100.53"], search: [`${Array(20).fill("a".repeat(63)).join(".")}.abc`] }),
            ...failures(resolvConfInputs, { namespace: "ns1", nameservers: ["198.51.100.53"], search: [`${"b".repeat(64)}.lab`] }),
        ],
        [
            `search: search[0] is "${"a".repeat(63)}.${"a".repeat(12)}...: must be at most 253 characters (RFC 1035)`,
            `search: search[0] is "${"b".repeat(64)}.lab": each label (between dots) must be at most 63 characters (RFC 1035)`,
        ],
    ],
])("%s", (_what, actual, expected) => {
    expect(actual).toEqual(expected);
});

test("an HTTP probe of a host port nothing listens on and nothing forwards blames neither NAT nor the network", () => {
    const facts: PathFacts = {
        route: { ok: true, text: "198.51.100.1 dev eth0 src 198.51.100.3" },
        linksDown: [],
        forwarding: true,
        forwardPolicy: "ACCEPT",
        forward: { rules: [], policies: [] },
        nat: { rules: [] },
        targetIsLocal: true,
    };
    const web = probeInputs.parse({ from: "client", to: "198.51.100.1", kind: "http", port: 5001 });
    expect(likelyCause(web, { ...facts, port: { forwarded: false, listening: false } })).toBe(
        "nothing on the host listens on port 5001 and no NAT rule forwards it: start the service there, or publish it with a PortForward " +
            "(`pulumi refresh` shows one that was deleted)",
    );
    expect(likelyCause(web, { ...facts, port: { forwarded: true, listening: false } })).toBe(
        "a DNAT rule forwards port 5001 but did not match this connection (its hostAddress or inInterface does not fit 198.51.100.1 from client)",
    );
});

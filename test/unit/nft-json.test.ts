// Parsing `nft -j list ruleset` (recorded from nft 1.0.6): native forward chains that drop, by family.
import { forwardDropChains } from "../../provider/linux/nft-json";

const ruleset = JSON.stringify({
    nftables: [
        { metainfo: { version: "1.0.6", json_schema_version: 1 } },
        { table: { family: "inet", name: "fw", handle: 1 } },
        { chain: { family: "inet", table: "fw", name: "forward", handle: 1, type: "filter", hook: "forward", prio: 0, policy: "drop" } },
        { chain: { family: "ip6", table: "six", name: "fwd", handle: 2, type: "filter", hook: "forward", prio: 0, policy: "drop" } },
        { chain: { family: "ip", table: "open", name: "fwd", handle: 3, type: "filter", hook: "forward", prio: 0, policy: "accept" } },
        { chain: { family: "ip", table: "filter", name: "FORWARD", handle: 1, type: "filter", hook: "forward", prio: 0, policy: "drop" } },
        { chain: { family: "inet", table: "fw", name: "input", handle: 4, type: "filter", hook: "input", prio: 0, policy: "drop" } },
    ],
});

test("IPv4: inet chains count, ip6 ones do not, iptables' own FORWARD is left to iptables", () => {
    expect(forwardDropChains(ruleset, 4)).toEqual(["inet fw forward"]);
});

test("IPv6: inet and ip6 chains count", () => {
    expect(forwardDropChains(ruleset, 6)).toEqual(["inet fw forward", "ip6 six fwd"]);
});

test("an empty ruleset, or output of another shape, finds nothing", () => {
    expect(forwardDropChains(JSON.stringify({ nftables: [{ metainfo: {} }] }), 4)).toEqual([]);
    expect(forwardDropChains("", 4)).toEqual([]);
    expect(forwardDropChains(JSON.stringify({ other: 1 }), 4)).toEqual([]);
});

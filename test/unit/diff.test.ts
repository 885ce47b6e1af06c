// The diff of each kind, derived from its field table by the shared runner; no host is reached.
import { factories, type Kind } from "../../provider";
import { UNKNOWN } from "../../provider/resources/common/unknown";

type Props = Record<string, unknown>;
const noHost = () => {
    throw new Error("diff must not reach a host");
};
const differ = (kind: Kind) => (olds: Props, news: Props) => factories[kind](noHost).diff!("id", olds, news);
const diffBridge = differ("Bridge");
const diffNamespace = differ("Namespace");
const diffPortForward = differ("PortForward");
const diffVethPair = differ("VethPair");

const bridgeState = { name: "br0", addresses: ["192.168.1.1/24"], mtu: 1500, macAddress: "aa:bb:cc:dd:ee:ff", ownerTag: "t" };

describe("Bridge diff", () => {
    test("no change", async () => {
        expect((await diffBridge(bridgeState, { name: "br0", addresses: ["192.168.1.1/24"] })).changes).toBe(false);
    });
    test("address change is an in-place update", async () => {
        const d = await diffBridge(bridgeState, { name: "br0", addresses: ["192.168.2.1/24"] });
        expect(d).toMatchObject({ changes: true, replaces: [] });
    });
    test("addresses are a set in the kernel's spelling", async () => {
        const state = { ...bridgeState, addresses: ["10.0.0.1/8", "2001:db8::1/64"] };
        expect((await diffBridge(state, { name: "br0", addresses: ["2001:DB8:0::1/64", "10.0.0.1/8"] })).changes).toBe(false);
    });
    test("mtu: unset leaves the kernel's value, set differently updates", async () => {
        expect((await diffBridge(bridgeState, { name: "br0", addresses: ["192.168.1.1/24"], mtu: 1500 })).changes).toBe(false);
        expect(await diffBridge(bridgeState, { name: "br0", addresses: ["192.168.1.1/24"], mtu: 9000 })).toMatchObject({
            changes: true,
            replaces: [],
        });
    });
    test("rename replaces, creating the new one first (different kernel name)", async () => {
        expect(await diffBridge(bridgeState, { name: "br1", addresses: ["192.168.1.1/24"] })).toMatchObject({
            changes: true,
            replaces: ["name"],
            deleteBeforeReplace: false,
        });
    });
    test("another host replaces, deleting first (it may be the same machine under another name)", async () => {
        const d = await diffBridge(bridgeState, { ...bridgeState, connection: { host: "10.0.0.5" } });
        expect(d).toMatchObject({ replaces: ["connection"], deleteBeforeReplace: true });
    });
    test("new credentials for the same machine update state only", async () => {
        const state = { ...bridgeState, connection: { host: "h", privateKey: "old" } };
        expect(await diffBridge(state, { ...state, connection: { host: "h", privateKey: "new" } })).toMatchObject({
            changes: true,
            replaces: [],
        });
    });
    test("an unknown name during preview is a possible replace", async () => {
        expect((await diffBridge(bridgeState, { name: UNKNOWN, addresses: [] })).replaces).toEqual(["name"]);
    });
});

describe("Namespace diff", () => {
    const state = { name: "ns1", loopbackUp: true, ownerTag: "t" };
    test("loopback updates in place", async () => {
        expect(await diffNamespace(state, { name: "ns1", loopbackUp: false })).toMatchObject({ changes: true, replaces: [] });
    });
    test("rename replaces, delete-first", async () => {
        expect(await diffNamespace(state, { name: "ns2", loopbackUp: true })).toMatchObject({
            replaces: ["name"],
            deleteBeforeReplace: true,
        });
    });
});

describe("PortForward diff", () => {
    const state = { hostPort: 5000, targetAddress: "192.168.1.10", protocol: "tcp", targetPort: 5000, ownerTag: "t" };
    test("a port change replaces, the new rules first (no gap in service)", async () => {
        expect(await diffPortForward(state, { ...state, hostPort: 5001 })).toMatchObject({
            changes: true,
            replaces: ["hostPort"],
            deleteBeforeReplace: false,
        });
    });
});

describe("VethPair diff", () => {
    const state = { hostName: "veth0", peerName: "ceth0", namespace: "ns1", bridge: "br0", addresses: [], mtu: 1500, ownerTag: "t" };
    test("another bridge is an update", async () => {
        expect(await diffVethPair(state, { ...state, bridge: "br1" })).toMatchObject({ changes: true, replaces: [] });
    });
    test("leaving the bridge is an update too", async () => {
        expect(await diffVethPair(state, { ...state, bridge: undefined })).toMatchObject({ changes: true, replaces: [] });
    });
    test("another namespace replaces, delete-first since the names stay", async () => {
        expect(await diffVethPair(state, { ...state, namespace: "ns2" })).toMatchObject({
            replaces: ["namespace"],
            deleteBeforeReplace: true,
        });
    });
});

test("a change of the owner tag alone is no change at all", async () => {
    for (const kind of ["Namespace", "Bridge", "VethPair", "MasqueradeRule", "PortForward", "SysctlForward"] as const) {
        const provider = factories[kind](() => {
            throw new Error("diff must not reach a host");
        });
        const inputs = {
            Namespace: { name: "ns1", loopbackUp: true },
            Bridge: { name: "br0", addresses: [] },
            VethPair: { hostName: "v0", peerName: "c0", namespace: "ns1", addresses: [] },
            MasqueradeRule: { sourceCidr: "10.0.0.0/8" },
            PortForward: { hostPort: 1, targetAddress: "10.0.0.1", protocol: "tcp", targetPort: 1 },
            SysctlForward: { ipv4: true, ipv6: false },
        }[kind];
        const diff = await provider.diff!("id", { ...inputs, ownerTag: "0123456789ab" }, { ...inputs, ownerTag: "ba9876543210" });
        expect({ kind, changes: diff.changes, replaces: diff.replaces ?? [] }).toEqual({ kind, changes: false, replaces: [] });
    }
});

test("the same connection with its fields in another order is no change", async () => {
    const state = { ...bridgeState, connection: { host: "h", user: "ubuntu", sudo: true } };
    expect((await diffBridge(state, { ...state, connection: { sudo: true, user: "ubuntu", host: "h" } })).changes).toBe(false);
});

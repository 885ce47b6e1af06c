// The Overlay component's wiring under Pulumi mocks: per machine a bridge with its own gateway, a
// tunnel meshed to the others, forwarding and NAT; members addressed from one pool. Its kernel
// behaviour is proven by the e2e test over simulated machines.
import { settled, useRecordingMocks } from "../support/recording-mocks";

jest.setTimeout(30_000);

const registered = useRecordingMocks();
const inputsOf = (type: string, name: string) => registered.find((r) => r.type.endsWith(`:${type}`) && r.name === name)?.inputs;

test("three machines, one member each: gateways and members from one pool, tunnels meshed, MTU from the underlay", async () => {
    const { Overlay } = require("../../sdk/overlay") as typeof import("../../sdk/overlay.js");
    const lab = new Overlay("lab", {
        vni: 42,
        subnet: "10.42.0.0/16",
        // Under mocks no machine is read: the MTU is given and the subnet's guard rail opted out of.
        underlayMtu: 1500,
        allowOverlap: true,
        hosts: { a: { underlayAddress: "10.77.0.2" }, b: { underlayAddress: "10.77.0.3" }, c: { underlayAddress: "fd00:77::4" } },
    });
    const web = lab.attach("b", "web");
    expect(() => lab.attach("z", "x")).toThrow(/no host "z" \(hosts: a, b, c\)/);
    expect(await settled(lab.addresses)).toEqual({
        "gw.a": { ipv4: "10.42.0.2" },
        "gw.b": { ipv4: "10.42.0.3" },
        "gw.c": { ipv4: "10.42.0.4" },
        "b.web": { ipv4: "10.42.0.5" },
    });
    expect(await settled(web.ipv4)).toBe("10.42.0.5");
    await new Promise((r) => setTimeout(r, 200));
    expect(inputsOf("Bridge", "lab-b")).toMatchObject({ name: "ov42", addresses: ["10.42.0.3/16"], mtu: 1450 });
    expect(inputsOf("VxlanTunnel", "lab-a-vxlan")).toMatchObject({
        name: "vx42",
        vni: 42,
        localAddress: "10.77.0.2",
        remotes: ["10.77.0.3", "fd00:77::4"],
        bridge: "ov42",
        mtu: 1450,
    });
    // An IPv6 underlay costs 20 bytes more.
    expect(inputsOf("VxlanTunnel", "lab-c-vxlan")).toMatchObject({ remotes: ["10.77.0.2", "10.77.0.3"], mtu: 1430 });
    expect(inputsOf("MasqueradeRule", "lab-c-nat")).toMatchObject({ sourceCidr: "10.42.0.0/16", excludeOutInterface: "ov42" });
    expect(inputsOf("Namespace", "b-web")).toMatchObject({ name: "web" });
    expect(inputsOf("VethPair", "lab-b-web-link")).toMatchObject({
        hostName: "ve-web",
        peerName: "eth0",
        namespace: "web",
        bridge: "ov42",
        addresses: ["10.42.0.5/16"],
        mtu: 1450,
    });
    expect(inputsOf("Route", "lab-b-web-default")).toMatchObject({ namespace: "web", destination: "default", via: "10.42.0.3" });
    expect(registered.filter((r) => r.type.endsWith(":SysctlForward")).map((r) => r.name)).toEqual(["lab-a-forward", "lab-b-forward", "lab-c-forward"]);
});

// The Network component's wiring under Pulumi mocks: what it registers, parented where, with
// which addresses from its pool. Its kernel behaviour is proven by the e2e tests.
import { settled, useRecordingMocks } from "../support/recording-mocks";

jest.setTimeout(30_000);

const registered = useRecordingMocks();

test("a dual-stack network with two members and a published port", async () => {
    const { Network } = require("../../sdk/network") as typeof import("../../sdk/network.js");
    const lab = new Network("lab", { bridgeName: "br0", subnet: "192.168.1.0/24", subnet6: "fd00:1::/64", dns: ["198.51.100.53"] });
    const web = lab.attach("ns1");
    lab.attach("ns2", { address: "192.168.1.50" });
    lab.publish("http", { member: web, port: 5000 });
    expect(await settled(lab.addresses)).toEqual({
        ns1: { ipv4: "192.168.1.2", ipv6: "fd00:1::2" },
        ns2: { ipv4: "192.168.1.50", ipv6: "fd00:1::32" },
    });
    expect(await settled(web.ipv4)).toBe("192.168.1.2");
    await new Promise((r) => setTimeout(r, 200));
    const veth = registered.find((r) => r.type.endsWith(":VethPair") && r.name === "lab-ns1-link")!;
    expect(veth.inputs).toMatchObject({
        hostName: "ve-ns1",
        peerName: "eth0",
        namespace: "ns1",
        bridge: "br0",
        addresses: ["192.168.1.2/24", "fd00:1::2/64"],
    });
    expect(
        registered
            .filter((r) => r.type.endsWith(":Route"))
            .map((r) => r.inputs.via)
            .sort(),
    ).toEqual(["192.168.1.1", "192.168.1.1", "fd00:1::1", "fd00:1::1"]);
    expect(
        registered
            .filter((r) => r.type.endsWith(":PortForward"))
            .map((r) => r.inputs.targetAddress)
            .sort(),
    ).toEqual(["192.168.1.2", "fd00:1::2"]);
    expect(registered.filter((r) => r.type.endsWith(":ResolvConf"))).toHaveLength(2);
});

test("a member's service runs in its namespace after its link and routes; its published port waits for it", async () => {
    const { Network } = require("../../sdk/network") as typeof import("../../sdk/network.js");
    const lab = new Network("svc", { bridgeName: "br9", subnet: "10.9.0.0/24" });
    const web = lab.attach("web", { service: { command: ["python3", "-m", "http.server", "5001"], readyPort: 5001, environment: { TOKEN: "t" } } });
    // Port 5000 is another test's claim in this program: two forwards of one port fail the program.
    lab.publish("http", { member: web, port: 5001 });
    await settled(lab.addresses);
    await new Promise((r) => setTimeout(r, 200));
    const service = registered.find((r) => r.type.endsWith(":Service"))!;
    expect(service.name).toBe("svc-web-service");
    expect(service.inputs).toMatchObject({ name: "web", namespace: "web", command: ["python3", "-m", "http.server", "5001"], readyPort: 5001 });
    // Its environment is secret in state, as every Service's.
    expect(await web.service!.environment.isSecret).toBe(true);
});

test("attach() after the program was declared is refused, naming the network", async () => {
    const { Network } = require("../../sdk/network") as typeof import("../../sdk/network.js");
    const late = new Network("late", { subnet: "10.0.0.0/24" });
    await new Promise((r) => setImmediate(r));
    expect(() => late.attach("x")).toThrow(/Network "late": attach\("x"\) came after the program was declared/);
});

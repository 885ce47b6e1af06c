// The seeds' topology written in Pulumi YAML (examples/yaml), run by the real CLI with the YAML
// language host over the pulumi-resource-netns plugin: the same checks as the TypeScript example
// (ping matrix, NAT, DNAT), then destroyed without a trace.
import { httpGet, ping } from "../../sandbox/checks";
import { PulumiProject } from "../../sandbox/pulumi-project";
import { startServer, WORLD } from "../../sandbox/world";
import { useSandboxedStack } from "../support/sandboxed-stack";
import { FORWARDED, seedTrafficTests } from "../support/seed-traffic";

jest.setTimeout(240_000);

let preview = "";
const stack = useSandboxedStack("examples/yaml", {
    world: true,
    ready: async (stack) => {
        // A preview first: the plugin checks and diffs inputs that are still unknown (ns1.name).
        preview = (await stack.project.ok("preview", "--diff")).stdout;
        await stack.project.up();
        await startServer(stack.sandbox, "ns1", "192.168.1.10", 5000, "ns1");
    },
});

test("preview shows every resource to create, with the kernel names the plugin fills in", () => {
    expect(preview).toMatch(/\+ 11 to create/);
    expect(preview).toMatch(/\+ netns:index:Bridge: \(create\)[\s\S]*?name\s*:\s*"br0"/);
});

test("the resources are the plugin's, with its default provider", async () => {
    const types = await stack.project.resourceTypes();
    expect(types).toContain("pulumi:providers:netns");
    expect(types.filter((t) => t.startsWith("netns:index:")).sort()).toEqual(
        [
            "netns:index:Bridge",
            "netns:index:MasqueradeRule",
            "netns:index:Namespace",
            "netns:index:Namespace",
            "netns:index:PortForward",
            "netns:index:Route",
            "netns:index:Route",
            "netns:index:SysctlForward",
            "netns:index:VethPair",
            "netns:index:VethPair",
        ].sort(),
    );
});

test("outputs name what a user needs", async () => {
    expect(await stack.project.outputs()).toMatchObject({
        bridgeAddress: "192.168.1.1",
        namespaces: ["ns1", "ns2"],
        addresses: { ns1: "192.168.1.10", ns2: "192.168.1.11" },
        forwarded: { hostPort: 5000, target: "192.168.1.10:5000", rule: expect.stringContaining("DNAT") },
    });
});

seedTrafficTests(stack);

test("a refresh finds everything as made, and a second up changes nothing", async () => {
    await stack.project.ok("refresh", "--yes", "--skip-preview");
    await stack.project.up();
    expect(Object.keys(await stack.project.lastChanges())).toEqual(["same"]);
});

test("destroy: links, namespaces, iptables and sysctls exactly as before up", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});

describe("a Network in YAML (examples/yaml-network): the plugin's component, members and ports listed", () => {
    let network: PulumiProject;
    beforeAll(async () => {
        network = await PulumiProject.create(stack.sandbox, "examples/yaml-network");
        await network.up();
        await startServer(stack.sandbox, "ns1", "192.168.1.2", 5000, "ns1");
    });
    afterAll(async () => {
        await network?.dispose();
    });

    test("the pool hands ns1 and ns2 the first free addresses", async () => {
        expect(await network.outputs()).toEqual({ bridge: "br0", addresses: { ns1: { ipv4: "192.168.1.2" }, ns2: { ipv4: "192.168.1.3" } } });
    });

    test("the members ping each other, the internet sees the uplink, and a client reaches ns1's published port", async () => {
        expect(await ping(stack.sandbox, "ns1", "192.168.1.3")).toMatchObject({ ok: true });
        expect(await ping(stack.sandbox, "ns2", "192.168.1.2")).toMatchObject({ ok: true });
        const web = `http://${WORLD.internetAddress}:${WORLD.internetPort}/`;
        expect(await httpGet(stack.sandbox, "ns2", web)).toEqual({ ok: true, detail: `the internet saw ${WORLD.uplinkAddress}` });
        expect(await httpGet(stack.sandbox, "client", FORWARDED)).toEqual({ ok: true, detail: `ns1 saw ${WORLD.clientAddress}` });
    });

    test("a second up changes nothing, and destroy leaves the sandbox as found", async () => {
        await network.up();
        expect(Object.keys(await network.lastChanges())).toEqual(["same"]);
        await network.ok("destroy", "--yes", "--skip-preview");
        expect(await stack.sandbox.snapshot()).toEqual(stack.before);
    });
});

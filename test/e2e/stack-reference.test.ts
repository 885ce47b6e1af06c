// Two stacks on one backend: a "host" stack exports how to reach a machine (the key as a secret)
// and its private address; the two-namespace stack reads them through a StackReference.
import { httpGet } from "../../sandbox/checks";
import { MGMT } from "../../sandbox/link";
import { PulumiProject } from "../../sandbox/pulumi-project";
import { startServer, WORLD } from "../../sandbox/world";
import { useRemoteStack } from "../support/remote-stack";

jest.setTimeout(300_000);

let network: PulumiProject;
const stack = useRemoteStack("test/programs/host-stack", async (stack) => {
    await stack.project.setConfig({ address: MGMT.remoteAddress, hostKey: stack.server.hostKey, privateAddress: WORLD.uplinkAddress });
    await stack.project.ok("config", "set", "--secret", "privateKey", { input: stack.server.privateKey });
    await stack.project.up();
    network = await PulumiProject.create(stack.control, "examples/two-namespaces", "test", stack.project);
    await network.setConfig({ hostStack: "organization/host-stack/test" });
});
afterAll(() => network?.dispose()); // runs before the frame's own teardown: it holds the backend

test("the host stack exports the connection with the key as a secret", async () => {
    const outputs = JSON.parse((await stack.project.ok("stack", "output", "--json")).stdout);
    expect(outputs).toEqual({
        connection: { host: MGMT.remoteAddress, user: "root", privateKey: "[secret]", hostKey: stack.server.hostKey, sudo: false },
        privateAddress: WORLD.uplinkAddress,
    });
});

test("the network stack builds on the machine the host stack names, forwarding on its private address", async () => {
    await network.up();
    await startServer(stack.remote, "ns1", "192.168.1.10", 5000, "ns1");
    expect(await httpGet(stack.remote, "client", `http://${WORLD.uplinkAddress}:5000/`)).toEqual({
        ok: true,
        detail: `ns1 saw ${WORLD.clientAddress}`,
    });
    expect(await stack.remote.iptablesRules()).toMatch(new RegExp(`-A PREROUTING -d ${WORLD.uplinkAddress}/32 `));
    expect(await stack.control.snapshot()).toEqual(stack.controlBefore);
});

test("the key stays secret in the network stack's state", async () => {
    const exported = (await network.ok("stack", "export")).stdout;
    for (const line of stack.server.privateKey.split("\n").filter((l) => l && !l.startsWith("-----"))) {
        expect(exported).not.toContain(line);
    }
});

test("destroying the network stack leaves the machine as it was", async () => {
    await network.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.remote.snapshot()).toEqual(stack.remoteBefore);
});

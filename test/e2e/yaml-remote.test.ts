// The YAML seeds over SSH with no `connection` in the program: the provider's configuration
// (`netns:connection`, the key a secret) sends every resource to the remote machine, a sandbox
// with its own sshd. The topology works there, the control machine gains nothing, the key is
// nowhere in plaintext, and destroy leaves the remote machine as it was.
import { ping } from "../../sandbox/checks";
import { MGMT } from "../../sandbox/link";
import { WORLD } from "../../sandbox/world";
import { useRemoteStack } from "../support/remote-stack";

jest.setTimeout(300_000);

const stack = useRemoteStack("examples/yaml", async (stack) => {
    const { project, server } = stack;
    await project.ok("config", "set", "--path", "netns:connection.host", MGMT.remoteAddress);
    await project.ok("config", "set", "--path", "netns:connection.hostKey", server.hostKey);
    await project.ok("config", "set", "--path", "--secret", "netns:connection.privateKey", { input: server.privateKey });
    await project.up();
});

test("the remote machine has the topology; the control machine has nothing new", async () => {
    const remote = await stack.remote.snapshot();
    expect(remote.namespaces).toEqual(expect.arrayContaining(["ns1", "ns2"]));
    expect(remote.links).toEqual(expect.arrayContaining(["br0", "veth0", "veth1"]));
    expect(remote.iptables).toMatch(/-A POSTROUTING -s 192\.168\.1\.0\/24 ! -o br0 .*-j MASQUERADE/);
    expect(await stack.control.snapshot()).toEqual(stack.controlBefore);
});

test.each([
    ["ns1", "192.168.1.11"],
    ["ns2", WORLD.internetAddress],
])("on the remote machine, %s pings %s", async (from, to) => {
    expect(await ping(stack.remote, from, to)).toMatchObject({ ok: true });
});

test("each resource records the connection it was made with, encrypted; the key is nowhere in plaintext", async () => {
    const keyLines = stack.server.privateKey.split("\n").filter((l) => l && !l.startsWith("-----"));
    const exported = (await stack.project.ok("stack", "export")).stdout;
    const state = JSON.parse(exported);
    const bridge = state.deployment.resources.find((r: { type: string }) => r.type === "netns:index:Bridge");
    expect(bridge.outputs.connection).toMatchObject({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" });
    expect(bridge.inputs.connection).toMatchObject({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" });
    for (const line of keyLines) {
        expect(exported).not.toContain(line);
    }
});

test("destroy leaves the remote machine as it was", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.remote.snapshot()).toEqual(stack.remoteBefore);
    expect(await stack.control.snapshot()).toEqual(stack.controlBefore);
});

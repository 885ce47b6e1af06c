// The two-namespace example applied over SSH to a remote machine (a sandbox with its own sshd),
// verified there like the local run, destroyed clean; the control machine gains nothing.
import { httpGet, ping } from "../../sandbox/checks";
import { MGMT } from "../../sandbox/link";
import { startServer, WORLD } from "../../sandbox/world";
import { configureConnection, useRemoteStack } from "../support/remote-stack";

jest.setTimeout(300_000);

let upOutput = "";
const stack = useRemoteStack("examples/two-namespaces", async (stack) => {
    await configureConnection(stack);
    await stack.project.setConfig({ hostAddress: WORLD.uplinkAddress });
    const started = Date.now();
    const up = await stack.project.up();
    console.log(`pulumi up over SSH: ${((Date.now() - started) / 1000).toFixed(2)} s`);
    upOutput = up.stdout + up.stderr;
    await startServer(stack.remote, "ns1", "192.168.1.10", 5000, "ns1");
});

test("the remote machine has the topology; the control machine has nothing new", async () => {
    const remote = await stack.remote.snapshot();
    expect(remote.namespaces).toEqual(expect.arrayContaining(["ns1", "ns2"]));
    expect(remote.links).toEqual(expect.arrayContaining(["br0", "veth0", "veth1"]));
    expect(remote.sysctl["net.ipv4.ip_forward"]).toBe("1");
    expect(remote.iptables).toMatch(/-A POSTROUTING -s 192\.168\.1\.0\/24 ! -o br0 .*-j MASQUERADE/);
    expect(await stack.control.snapshot()).toEqual(stack.controlBefore);
});

test.each([
    ["ns1", "192.168.1.11"],
    ["ns2", "192.168.1.1"],
    ["ns1", WORLD.internetAddress],
    ["ns2", WORLD.internetAddress],
])("on the remote machine, %s pings %s", async (from, to) => {
    expect(await ping(stack.remote, from, to)).toMatchObject({ ok: true });
});

test("NAT and DNAT work on the remote machine with real HTTP exchanges", async () => {
    expect(await httpGet(stack.remote, "ns2", `http://${WORLD.internetAddress}:${WORLD.internetPort}/`)).toEqual({
        ok: true,
        detail: `the internet saw ${WORLD.uplinkAddress}`,
    });
    expect(await httpGet(stack.remote, "client", `http://${WORLD.uplinkAddress}:5000/`)).toEqual({
        ok: true,
        detail: `ns1 saw ${WORLD.clientAddress}`,
    });
});

test("the port forward matches only the machine's own address (hostAddress)", async () => {
    expect(await stack.remote.iptablesRules()).toMatch(new RegExp(`-A PREROUTING -d ${WORLD.uplinkAddress}/32 -p tcp .*--dport 5000 `));
});

test("the private key appears nowhere in plaintext: not in state, not in pulumi's output", async () => {
    const keyLines = stack.server.privateKey.split("\n").filter((l) => l && !l.startsWith("-----"));
    const exported = (await stack.project.ok("stack", "export")).stdout;
    const preview = await stack.project.ok("preview", "--diff");
    // Verbose engine and provider logs too, up to -v=6: from -v=7 the engine itself prints every
    // resource's inputs, secrets included, whatever the provider (documented in the README).
    const verbose = await stack.project.ok("preview", "--diff", "--refresh", "-v=6", "--logtostderr", "--logflow");
    for (const text of [exported, upOutput, preview.stdout + preview.stderr, verbose.stdout + verbose.stderr]) {
        for (const line of keyLines) {
            expect(text).not.toContain(line);
        }
    }
    // The connection is kept, encrypted, and every resource has it.
    const secrets = JSON.parse(exported)
        .deployment.resources.filter((r: { type: string }) => r.type.startsWith("pulumi-nodejs:dynamic") && !r.type.endsWith(":StackIdentity"))
        .map((r: { outputs: { connection?: Record<string, unknown> } }) => r.outputs.connection?.["4dabf18193072939515e22adb298388d"]);
    expect(secrets).toHaveLength(10);
    expect(secrets.every((s: unknown) => s === "1b47061264138c4ac30d75fd1eb44270")).toBe(true);
});

test("a second up changes nothing", async () => {
    await stack.project.up();
    expect(await stack.project.lastChanges()).toEqual({ same: 12 });
});

test("sshd saw one login and few login shells per pulumi command: the connection and its runners are shared", async () => {
    const log = await stack.server.log();
    const logins = log.match(/Accepted publickey for root from 192\.0\.2\.2/g) ?? [];
    // One per provider process per pulumi command so far (up, preview, preview --refresh, up): not
    // one per resource. A plain preview logs in too: the guard rails read the machine at preview.
    expect(logins.length).toBeLessThanOrEqual(4);
    expect(log).toContain(`from ${MGMT.controlAddress}`);
    // And few login shells: commands go to runners kept open on the connection, not one channel each.
    const shells = log.match(/Starting session: command for root from 192\.0\.2\.2/g) ?? [];
    expect(shells.length).toBeLessThanOrEqual(4 * 3);
});

test("destroy leaves the remote machine exactly as before", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.remote.snapshot()).toEqual(stack.remoteBefore);
    expect(await stack.control.snapshot()).toEqual(stack.controlBefore);
});

// A host whose FORWARD policy is DROP, as Docker leaves it: preview says so and names the option;
// with acceptForward the seed topology works, and destroy takes its ACCEPT rules away again.
import { httpGet, ping } from "../../sandbox/checks";
import { PulumiProject } from "../../sandbox/pulumi-project";
import { Sandbox, type SandboxSnapshot } from "../../sandbox/sandbox";
import { WORLD, buildWorld, startServer } from "../../sandbox/world";

jest.setTimeout(240_000);

let sandbox: Sandbox;
let project: PulumiProject;
let before: SandboxSnapshot;

beforeAll(async () => {
    sandbox = await Sandbox.start();
    await buildWorld(sandbox);
    await sandbox.sh("iptables", "-w", "-P", "FORWARD", "DROP");
    before = await sandbox.snapshot();
    project = await PulumiProject.create(sandbox, "examples/two-namespaces");
});
afterAll(async () => {
    await project?.dispose();
    await sandbox?.stop();
});

test("preview refuses, naming acceptForward and why", async () => {
    const preview = await project.pulumi("preview");
    expect(preview.exitCode).not.toBe(0);
    expect(preview.stdout).toMatch(/MasqueradeRule resource 'nat': property acceptForward value .* has a problem: this machine's FORWARD chain drops by default/);
    expect(await sandbox.snapshot()).toEqual(before);
});

test("with acceptForward: true, traffic flows through the DROP policy", async () => {
    await project.setConfig({ acceptForward: "true" });
    await project.up();
    await startServer(sandbox, "ns1", "192.168.1.10", 5000, "ns1");
    expect(await ping(sandbox, "ns1", "192.168.1.11")).toMatchObject({ ok: true }); // bridged, crosses FORWARD
    expect(await httpGet(sandbox, "ns1", `http://${WORLD.internetAddress}:${WORLD.internetPort}/`))
        .toEqual({ ok: true, detail: `the internet saw ${WORLD.uplinkAddress}` });
    expect(await httpGet(sandbox, "client", `http://${WORLD.uplinkAddress}:5000/`))
        .toEqual({ ok: true, detail: `ns1 saw ${WORLD.clientAddress}` });
    expect((await sandbox.sh("iptables", "-w", "-S", "FORWARD")).match(/-j ACCEPT/g)).toHaveLength(4);
});

test("destroy removes the ACCEPT rules and leaves the DROP policy as it was", async () => {
    await project.ok("destroy", "--yes", "--skip-preview");
    expect(await sandbox.snapshot()).toEqual(before);
    expect(before.iptables).toMatch(/:FORWARD DROP/);
});

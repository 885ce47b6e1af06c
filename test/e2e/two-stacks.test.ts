// Two people follow the README on one machine: the same program, project and stack name ("dev"),
// each with their own backend, so the organization, project, stack and resource names are all the
// same. Their owner tags must still differ: the second up is refused, naming the owner, and its
// destroy leaves the first stack's objects alone.
import { PulumiProject } from "../../sandbox/pulumi-project";
import { Sandbox, type SandboxSnapshot } from "../../sandbox/sandbox";

jest.setTimeout(240_000);

let sandbox: Sandbox;
let before: SandboxSnapshot;
let alice: PulumiProject;
let bob: PulumiProject;
beforeAll(async () => {
    sandbox = await Sandbox.start();
    before = await sandbox.snapshot();
    alice = await PulumiProject.create(sandbox, "examples/quickstart", "dev");
    bob = await PulumiProject.create(sandbox, "examples/quickstart", "dev");
});
afterAll(async () => {
    await bob?.dispose();
    await alice?.dispose();
    await sandbox?.stop();
});

const alias = async (link: string, ns?: string) =>
    JSON.parse(await sandbox.sh("ip", ...(ns ? ["-n", ns] : []), "-j", "link", "show", "dev", link))[0].ifalias as string;

test("the second stack's up is refused, naming the owner; the first stack's objects are untouched", async () => {
    await alice.up();
    const owned = { br0: await alias("br0"), lo: await alias("lo", "ns1") };
    const up = await bob.pulumi("up", "--yes", "--skip-preview");
    expect(up.exitCode).not.toBe(0);
    expect(up.stdout).toMatch(
        /(Bridge "br0"|Namespace "ns1"): an? .* with this name already exists on this machine and this resource did not create it \(it has the owner tag pulumi-netns:[0-9a-f]{12} of another resource or stack\)/,
    );
    expect(await sandbox.sh("ip", "-br", "addr", "show", "dev", "br0")).toMatch(/192\.168\.1\.1\/24/);
    expect({ br0: await alias("br0"), lo: await alias("lo", "ns1") }).toEqual(owned);
});

test("the second stack's destroy removes nothing of the first's", async () => {
    await bob.ok("destroy", "--yes", "--skip-preview");
    expect(await sandbox.sh("ip", "-br", "addr", "show", "dev", "br0")).toMatch(/192\.168\.1\.1\/24/);
    expect(await sandbox.sh("ip", "netns", "list")).toMatch(/^ns1\b/m);
    await alice.up();
    expect(await alice.lastChanges()).toEqual({ same: 4 });
});

test("the first stack's destroy leaves the sandbox as it was", async () => {
    await alice.ok("destroy", "--yes", "--skip-preview");
    expect(await sandbox.snapshot()).toEqual(before);
});

// Host conditions reported at preview, before any command runs: pulumi without CAP_NET_ADMIN.
import { PulumiProject } from "../../sandbox/pulumi-project";
import { Sandbox, type SandboxSnapshot } from "../../sandbox/sandbox";

jest.setTimeout(120_000);

let sandbox: Sandbox;
let project: PulumiProject;
let before: SandboxSnapshot;

beforeAll(async () => {
    sandbox = await Sandbox.start();
    before = await sandbox.snapshot();
    project = await PulumiProject.create(sandbox, "examples/quickstart");
});
afterAll(async () => {
    await project?.dispose();
    await sandbox?.stop();
});

test("without CAP_NET_ADMIN, preview fails naming the capability and touches nothing", async () => {
    const preview = await project.pulumi("preview", { dropNetAdmin: true });
    expect(preview.exitCode).not.toBe(0);
    expect(preview.stdout).toMatch(/Bridge resource 'br0': property connection value .* has a problem: this machine: changing the network needs CAP_NET_ADMIN; run pulumi as root/);
    expect(await sandbox.snapshot()).toEqual(before);
});

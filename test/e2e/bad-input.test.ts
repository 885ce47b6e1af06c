// Bad inputs are refused by `pulumi preview`, naming the resource and the field, before any
// command reaches the kernel.
import { PulumiProject } from "../../sandbox/pulumi-project";
import { Sandbox, type SandboxSnapshot } from "../../sandbox/sandbox";

jest.setTimeout(120_000);

let sandbox: Sandbox;
let project: PulumiProject;
let before: SandboxSnapshot;

beforeAll(async () => {
    sandbox = await Sandbox.start();
    before = await sandbox.snapshot();
    project = await PulumiProject.create(sandbox, "test/programs/bad-input");
});
afterAll(async () => {
    await project?.dispose();
    await sandbox?.stop();
});

test.each([
    ["long-interface-name", "Bridge", "bad-bridge", "name", /must be at most 15 characters/],
    ["invalid-cidr", "MasqueradeRule", "bad-nat", "sourceCidr", /must be a network/],
    ["port-zero", "PortForward", "bad-port", "hostPort", /must be 1-65535/],
    ["port-too-big", "PortForward", "bad-port", "hostPort", /must be 1-65535/],
    ["bad-address", "VethPair", "bad-veth", "addresses\\[0\\]", /must be an address with a prefix length/],
    ["shell-in-name", "Namespace", "bad-ns", "name", /use only letters, digits/],
])("%s: preview names %s %s and the field %s", async (testCase, kind, name, field, reason) => {
    await project.setConfig({ case: testCase });
    const preview = await project.pulumi("preview");
    const output = preview.stdout + preview.stderr;
    expect(preview.exitCode).not.toBe(0);
    expect(output).toMatch(new RegExp(`netns:${kind}.*${name}`));
    expect(output).toMatch(new RegExp(`resource .${name}.: property ${field} value \\{.*\\} has a problem: ${reason.source}`));
    expect(await sandbox.snapshot()).toEqual(before);
});

test.each([
    ["same-port-twice", /PortForward "web-b" forwards tcp port 8080 \(any address\), as PortForward "web-a" does/],
    ["same-address-on-bridge", /VethPair "nsb-link" puts 10.7.0.5 on bridge brx, as VethPair "nsa-link" does/],
])("%s: preview warns about the conflict", async (testCase, warning) => {
    await project.setConfig({ case: testCase });
    const preview = await project.pulumi("preview");
    expect(preview.exitCode).toBe(0);
    expect(preview.stdout).toMatch(/warning:/);
    expect(preview.stdout).toMatch(warning);
    expect(await sandbox.snapshot()).toEqual(before);
});

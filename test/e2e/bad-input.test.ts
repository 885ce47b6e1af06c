// Bad inputs are refused by `pulumi preview`, naming the resource and the field, before any
// command reaches the kernel.
import { PulumiProject } from "../../sandbox/pulumi-project";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(120_000);

const stack = useSandboxedStack("test/programs/bad-input");

test.each([
    ["long-interface-name", "Bridge", "bad-bridge", "name", /must be at most 15 characters \(the kernel's interface name limit\); it has 16/],
    ["invalid-cidr", "MasqueradeRule", "bad-nat", "sourceCidr", /must be a network/],
    ["port-zero", "PortForward", "bad-port", "hostPort", /must be 1-65535/],
    ["port-too-big", "PortForward", "bad-port", "hostPort", /must be 1-65535/],
    ["bad-address", "VethPair", "bad-veth", "addresses", /addresses\[0\] is "192\.168\.1\.300\/24": must be an address with a prefix length/],
    ["shell-in-name", "Namespace", "bad-ns", "name", /use only letters, digits/],
])("%s: preview names %s %s and the field %s", async (testCase, kind, name, field, reason) => {
    await stack.project.setConfig({ case: testCase });
    const preview = await stack.project.pulumi("preview");
    const output = preview.stdout + preview.stderr;
    expect(preview.exitCode).not.toBe(0);
    expect(output).toMatch(new RegExp(`netns:${kind}.*${name}`));
    expect(output).toMatch(new RegExp(`resource .${name}.: property ${field} value \\{.*\\} has a problem: ${reason.source}`));
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});

test("same-port-twice: preview fails, naming both forwards, before anything is made", async () => {
    await stack.project.setConfig({ case: "same-port-twice" });
    const preview = await stack.project.pulumi("preview");
    expect(preview.exitCode).not.toBe(0);
    expect(preview.stdout + preview.stderr).toMatch(
        /PortForward "web-b" forwards tcp port 8080 \(any address\), as PortForward "web-a" does \(any address\): only the first matching rule would ever see a connection; give one of them another hostPort/,
    );
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});

test.each(["test/programs/bad-input", "test/programs/yaml-gateway-typo"])(
    "%s: a Route's gateway on no network of its namespace is refused at preview, naming the network it has",
    async (program) => {
        const project = program.endsWith("bad-input") ? stack.project : await PulumiProject.create(stack.sandbox, program);
        try {
            await project.setConfig(program.endsWith("bad-input") ? { case: "gateway-typo" } : {});
            const preview = await project.pulumi("preview");
            expect(preview.exitCode).not.toBe(0);
            expect(preview.stdout + preview.stderr).toMatch(
                /lab-default.*property via value .* has a problem: the gateway 10\.99\.1\.1 lies on no network namespace lab has: it has 10\.99\.0\.0\/24 \(VethPair "vlab"\)/,
            );
            expect(await stack.sandbox.snapshot()).toEqual(stack.before);
        } finally {
            if (project !== stack.project) {
                await project.dispose();
            }
        }
    },
);

// YAML, Python and Go send registrations in either order: a Route registered before the VethPair
// that gives its namespace a network is judged at `up`, in the same words, without the whole wait.
test("test/programs/yaml-gateway-typo-unordered: with no dependsOn, the gateway typo is refused at preview or within seconds of `up`", async () => {
    const project = await PulumiProject.create(stack.sandbox, "test/programs/yaml-gateway-typo-unordered");
    try {
        const started = Date.now();
        const up = await project.pulumi("up", "--yes", "--skip-preview");
        expect(up.exitCode).not.toBe(0);
        expect(up.stdout + up.stderr).toMatch(
            /lab-default.*the gateway 10\.99\.1\.1 lies on no network namespace lab has: it has 10\.99\.0\.0\/24 \(VethPair "vlab"\)/s,
        );
        expect(Date.now() - started).toBeLessThan(15_000);
        expect((await project.pulumi("destroy", "--yes", "--skip-preview")).exitCode).toBe(0);
        expect(await stack.sandbox.snapshot()).toEqual(stack.before);
    } finally {
        await project.dispose();
    }
});

test.each([["same-address-on-bridge", /VethPair "nsb-link" puts 10.7.0.5 on bridge brx, as VethPair "nsa-link" does/]])(
    "%s: preview warns about the conflict",
    async (testCase, warning) => {
        await stack.project.setConfig({ case: testCase });
        const preview = await stack.project.pulumi("preview");
        expect(preview.exitCode).toBe(0);
        expect(preview.stdout).toMatch(/warning:/);
        expect(preview.stdout).toMatch(warning);
        expect(await stack.sandbox.snapshot()).toEqual(stack.before);
    },
);

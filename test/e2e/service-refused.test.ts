// A machine whose PID 1 is not systemd (this project's CI sandboxes, containers): the seeds'
// program with its server as a Service fails preview, and `up` without one, on the Service with a
// clear refusal, having made nothing for it; destroy leaves the machine as it was.
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(240_000);

const stack = useSandboxedStack("examples/two-namespaces", {
    ready: (stack) => stack.project.setConfig({ server: "true" }),
});

test("preview refuses the Service, naming the machine, though its namespace is not made yet", async () => {
    const preview = await stack.project.pulumi("preview");
    expect(preview.exitCode).not.toBe(0);
    expect(preview.stdout + preview.stderr).toMatch(/Service needs systemd as PID 1 on this machine/);
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});

test("up is refused on the Service, naming the machine; nothing of it is made; destroy leaves nothing", async () => {
    const up = await stack.project.pulumi("up", "--yes", "--skip-preview");
    expect(up.exitCode).not.toBe(0);
    expect(up.stdout + up.stderr).toMatch(
        /Service (resource )?.web.*: .*Service needs systemd as PID 1 on this machine \(systemctl is-system-running: offline/,
    );
    // The environment directory lives in the sandbox's private /run/pulumi-netns: nothing written there.
    expect(await stack.sandbox.sh("find", "/run/pulumi-netns", "-path", "*services*")).toBe("");
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});

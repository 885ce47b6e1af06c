// Host conditions reported at preview, before any command runs: pulumi without CAP_NET_ADMIN,
// and a machine without iptables.
import { mkdtemp, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(120_000);

const stack = useSandboxedStack("examples/quickstart");

test("without CAP_NET_ADMIN, preview fails naming the capability and touches nothing", async () => {
    const preview = await stack.project.pulumi("preview", { dropNetAdmin: true });
    expect(preview.exitCode).not.toBe(0);
    // The engine checks resources in parallel and stops at the first failure, so any of them may be the one named.
    expect(preview.stdout).toMatch(
        /(Namespace|Bridge|VethPair|Route) resource '[\w.-]+' has a problem: this machine: changing the network needs CAP_NET_ADMIN; run pulumi as root/,
    );
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});

test("without iptables on PATH, preview fails naming the missing tool", async () => {
    // A PATH holding only what the run needs (nsenter, node, ip, sysctl, the Pulumi binaries).
    const bin = await mkdtemp(join(tmpdir(), "no-iptables-"));
    for (const tool of [process.execPath, "/usr/bin/nsenter", "/usr/sbin/ip", "/usr/sbin/sysctl", "/usr/bin/env", "/bin/sh"]) {
        await symlink(tool, join(bin, tool.split("/").pop()!));
    }
    const pulumiDir = (process.env.PATH ?? "").split(":").find((d) => d.includes("pulumi-v"))!;
    await stack.project.setConfig({ withNat: "true" });
    const preview = await stack.project.pulumi("preview", { path: `${bin}:${pulumiDir}` });
    expect(preview.exitCode).not.toBe(0);
    expect(preview.stdout).toMatch(/MasqueradeRule resource 'nat' has a problem: this machine: iptables, iptables-save, iptables-restore not found on PATH/);
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});

// Host conditions reported at preview, before any command runs: pulumi without CAP_NET_ADMIN,
// a caller's PATH without the tools (they run from a fixed PATH), and a machine without iptables.
import { dirname } from "node:path";
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

test("with the caller's PATH cut to /usr/bin:/bin (a boot unit's, cron's), preview passes: the tools are looked for where commands run from (issue 31, finding 11)", async () => {
    const pulumiDir = (process.env.PATH ?? "").split(":").find((d) => d.includes("pulumi-v"))!;
    await stack.project.setConfig({ withNat: "true" });
    const preview = await stack.project.pulumi("preview", { path: `${pulumiDir}:${dirname(process.execPath)}:/usr/bin:/bin` });
    expect(preview.stdout).not.toMatch(/not found/);
    expect(preview.exitCode).toBe(0);
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});

test("without iptables or nft where commands run from, preview fails naming the missing tools", async () => {
    // Inside the sandbox's own mount namespace only: the binaries covered by a file nobody may run
    // (with nft alone the nftables backend is chosen: both must be missing for a refusal).
    const binaries = [
        (await stack.sandbox.sh("readlink", "-f", "/usr/sbin/iptables")).trim(),
        (await stack.sandbox.sh("readlink", "-f", "/usr/sbin/nft")).trim(),
    ];
    for (const binary of binaries) {
        await stack.sandbox.sh("mount", "--bind", "/dev/null", binary);
    }
    try {
        await stack.project.setConfig({ withNat: "true" });
        const preview = await stack.project.pulumi("preview");
        expect(preview.exitCode).not.toBe(0);
        expect(preview.stdout).toMatch(
            /MasqueradeRule resource 'nat' has a problem: this machine: neither iptables \(iptables, iptables-save, iptables-restore\) nor nftables \(nft\) is installed there/,
        );
    } finally {
        for (const binary of binaries) {
            await stack.sandbox.sh("umount", binary);
        }
    }
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});

// Each resource kind as a user copies it from its README section: only the required arguments, no
// dependsOn (test/programs/minimal). Each must come up, show in the kernel, and go without a trace.
import { parseLinks } from "../../provider/linux/ip-json";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(300_000);

const stack = useSandboxedStack("test/programs/minimal", { world: true });

const sh = (...argv: string[]) => stack.sandbox.sh(...argv);
const link = async (name: string, ns?: string) => parseLinks(await sh("ip", ...(ns ? ["-n", ns] : []), "-j", "-d", "link", "show", "dev", name))[0];
const nat = async (family: 4 | 6 = 4) =>
    (await sh(family === 6 ? "ip6tables-save" : "iptables-save", "-t", "nat")).split("\n").filter((l) => l.startsWith("-A"));

const kernelChecks: Record<string, () => Promise<void>> = {
    Namespace: async () => {
        expect(await sh("ip", "netns", "list")).toMatch(/^ns1\b/m);
        expect((await link("lo", "ns1")).up).toBe(true);
    },
    Bridge: async () => {
        expect(await link("br0")).toMatchObject({ kind: "bridge", up: true });
    },
    VethPair: async () => {
        expect(await link("veth0")).toMatchObject({ kind: "veth", up: true });
        expect(await link("ceth0", "ns1")).toMatchObject({ kind: "veth", up: true });
    },
    Route: async () => {
        expect(await sh("ip", "route", "show", "10.99.0.0/16")).toMatch(/10\.99\.0\.0\/16 via 198\.51\.100\.2 dev uplink0 proto 245/);
    },
    SysctlForward: async () => {
        expect((await sh("sysctl", "-n", "net.ipv4.ip_forward")).trim()).toBe("1");
    },
    MasqueradeRule: async () => {
        expect(await nat()).toEqual([expect.stringMatching(/^-A POSTROUTING -s 192\.168\.1\.0\/24 -m comment .* -j MASQUERADE$/)]);
    },
    PortForward: async () => {
        // No network holds the target: the forward serves outside clients and the host (no hairpin).
        expect((await nat()).sort()).toEqual([
            expect.stringMatching(/^-A OUTPUT .*--dport 5000 .*-j DNAT --to-destination 192\.168\.1\.10:5000$/),
            expect.stringMatching(/^-A PREROUTING .*--dport 5000 .*-j DNAT --to-destination 192\.168\.1\.10:5000$/),
        ]);
    },
};

test.each(Object.keys(kernelChecks))("%s with only its required arguments: up, in the kernel, no-op up, destroy", async (kind) => {
    await stack.project.setConfig({ kind });
    await stack.project.up();
    await kernelChecks[kind]();
    await stack.project.up();
    expect((await stack.project.lastChanges()).same).toBeGreaterThan(0);
    expect(Object.keys(await stack.project.lastChanges())).toEqual(["same"]);
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});

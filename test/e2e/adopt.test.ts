// Adoption, the way a newcomer whose machine was set up by hand follows it: the seeds typed by hand
// in a sandbox with a server in ns1, `pulumi-netns import` writes the program, and the first `up`
// takes every object over in place while pings and HTTP through the port forward keep flowing
// (nothing lost, same ifindexes, the server still running); each hand-made rule is replaced by its
// owned twin, so exactly one remains; the next preview has no changes; destroy removes what was
// adopted. Once with the TypeScript program, once with the YAML one through the plugin.
import { join } from "node:path";
import type { ResultPromise } from "execa";
import { loadExeca } from "../../provider/host/load-execa";
import { typeSeeds } from "../../sandbox/hand-seeds";
import { PulumiProject } from "../../sandbox/pulumi-project";
import { Sandbox, type SandboxSnapshot } from "../../sandbox/sandbox";
import { buildWorld, startServer, WORLD } from "../../sandbox/world";

jest.setTimeout(600_000);

const CLI = join(__dirname, "..", "..", "provider", "graph", "cli.js");
const URL = `http://${WORLD.uplinkAddress}:5000/`;

let sandbox: Sandbox;
let before: SandboxSnapshot;
beforeAll(async () => {
    sandbox = await Sandbox.start();
    await buildWorld(sandbox);
    before = await sandbox.snapshot();
});
afterAll(() => sandbox?.stop());

/** The ifindexes of the seeds' links and the server's PID: adoption must keep them all. */
async function identities(): Promise<Record<string, string>> {
    const index = async (dev: string, ns?: string) =>
        (await sandbox.sh("ip", ...(ns ? ["-n", ns] : []), "-j", "link", "show", "dev", dev)).match(/"ifindex":(\d+)/)![1];
    return {
        br0: await index("br0"),
        veth0: await index("veth0"),
        ceth0: await index("ceth0", "ns1"),
        ceth1: await index("ceth1", "ns2"),
        server: (await sandbox.sh("ip", "netns", "pids", "ns1")).trim(),
    };
}

/** Pings (ns2 -> ns1 over the bridge, ns1 -> the internet through NAT) and HTTP from the client through the DNAT, counted. */
async function traffic() {
    const { execa } = await loadExeca();
    const pings: ResultPromise[] = [
        ["ns2", "192.168.1.10"],
        ["ns1", WORLD.internetAddress],
    ].map(([ns, to]) => {
        const argv = [...sandbox.enterArgv(), "ip", "netns", "exec", ns, "ping", "-n", "-i", "0.05", to];
        return execa(argv[0], argv.slice(1), { reject: false, stdin: "ignore" });
    });
    let running = true;
    const http = { ok: 0, failed: 0 };
    const loop = (async () => {
        const code = "import sys,urllib.request;urllib.request.urlopen(sys.argv[1],timeout=3).read()";
        while (running) {
            const r = await sandbox.run(["ip", "netns", "exec", "client", "python3", "-c", code, URL]);
            http[r.exitCode === 0 ? "ok" : "failed"]++;
        }
    })();
    return async () => {
        running = false;
        await loop;
        const counts = [];
        for (const p of pings) {
            p.kill("SIGINT");
            const out = String((await p).stdout);
            const [, sent, received] = /(\d+) packets transmitted, (\d+) received/.exec(out) ?? [];
            counts.push({ sent: Number(sent), lost: Number(sent) - Number(received) });
        }
        return { pings: counts, http };
    };
}

async function natRules(): Promise<string[]> {
    return (await sandbox.sh("iptables-save", "-t", "nat")).split("\n").filter((l) => l.startsWith("-A "));
}

async function adoptWith(language: "typescript" | "yaml"): Promise<void> {
    await typeSeeds(sandbox);
    await startServer(sandbox, "ns1", "192.168.1.10", 5000, "ns1");
    const project = await PulumiProject.create(sandbox, language === "yaml" ? "test/programs/adopt-yaml" : "test/programs/adopt-typescript");
    try {
        const file = join(project.dir, language === "yaml" ? "Pulumi.yaml" : "index.ts");
        const written = await project.command(["node", CLI, "import", "--language", language, "--out", file]);
        expect(written).toMatchObject({ exitCode: 0 });

        const preview = await project.pulumi("preview");
        expect(preview.stdout).toMatch(/\+ 1[12] to create/);
        expect(preview.exitCode).toBe(0);

        const kept = await identities();
        const stop = await traffic();
        await new Promise((r) => setTimeout(r, 1000));
        await project.up();
        await new Promise((r) => setTimeout(r, 1000));
        const counted = await stop();
        expect(counted.pings.every((p) => p.sent > 20 && p.lost === 0)).toBe(true);
        expect(counted.http.ok).toBeGreaterThan(3);
        expect(counted.http.failed).toBe(0);
        expect(await identities()).toEqual(kept);

        // Owner marks on every object; exactly one of each rule, the owned one.
        expect(await sandbox.sh("ip", "-d", "link", "show", "dev", "br0")).toMatch(/alias pulumi-netns:[0-9a-f]{12}/);
        expect(await sandbox.sh("ip", "-n", "ns1", "-d", "link", "show", "dev", "lo")).toMatch(/alias pulumi-netns:/);
        expect(await sandbox.sh("ip", "-n", "ns1", "route", "show", "default")).toMatch(/proto 245/);
        const nat = await natRules();
        const masquerades = nat.filter((l) => l.includes("-s 192.168.1.0/24 ! -o br0") && l.includes("MASQUERADE"));
        expect(masquerades).toHaveLength(1);
        expect(masquerades[0]).toMatch(/--comment "?pulumi-netns:/);
        const dnats = nat.filter((l) => l.startsWith("-A PREROUTING") && l.includes("--dport 5000"));
        expect(dnats).toHaveLength(1);
        expect(dnats[0]).toMatch(/pulumi-netns:/);

        expect(await project.pulumi("preview", "--expect-no-changes")).toMatchObject({ exitCode: 0 });

        const destroyed = await project.ok("destroy", "--yes", "--skip-preview");
        // The server still ran in ns1: named (PID and command) and stopped, not stranded.
        expect(`${destroyed.stdout}\n${destroyed.stderr}`).toMatch(
            /Namespace "ns1" on this machine: stopped the processes still running in it: \d+ \(python3 /,
        );
        // Everything adopted is gone; forwarding keeps the value found at adoption (1), as documented.
        const after = await sandbox.snapshot();
        expect(after).toEqual({ ...before, sysctl: { ...before.sysctl, "net.ipv4.ip_forward": "1" } });
    } finally {
        await project.dispose();
        // The server's process outlives its namespace's name: stopped before the next round.
        for (const pid of (await sandbox.run(["sh", "-c", "pgrep -f whoami_server.py.*192.168.1.10 || true"])).stdout.split("\n").filter(Boolean)) {
            await sandbox.run(["kill", pid]);
        }
        await sandbox.run(["sysctl", "-qw", "net.ipv4.ip_forward=0"]);
    }
}

test("the TypeScript program `pulumi-netns import` writes adopts the hand-made seeds with no outage", async () => {
    await adoptWith("typescript");
});

test("the YAML program adopts them the same way through the plugin", async () => {
    await adoptWith("yaml");
});

// The main job: runs examples/two-namespaces with the real Pulumi CLI inside a sandbox that also
// holds a simulated upstream network (wan) and an external client, verifies it the way the seeds
// do, prints a table, then destroys it and checks the sandbox is as it was.
// Usage: node dist/scripts/demo.js [--keep]   (--keep: wait for Enter before destroying)
import { createInterface } from "node:readline/promises";
import type { CheckResult } from "../sandbox/checks";
import { PulumiProject, STATE_DIR } from "../sandbox/pulumi-project";
import { Sandbox } from "../sandbox/sandbox";
import { SEED_V4, type SeedLayout, seedChecks } from "../sandbox/seed-checks";
import { SystemdSandbox } from "../sandbox/systemd-sandbox";
import { buildWorld, startServer } from "../sandbox/world";

const keep = process.argv.includes("--keep");
/** `npm run demo -- network`: the same topology as one Network component (examples/network). */
const example = process.argv.includes("network") ? "network" : "two-namespaces";
const say = (line = "") => process.stdout.write(`${line}\n`);

function table(rows: [string, CheckResult][]): void {
    const width = Math.max(...rows.map(([name]) => name.length));
    say(`  ${"check".padEnd(width)}  result  detail`);
    for (const [name, r] of rows) {
        say(`  ${name.padEnd(width)}  ${r.ok ? "ok    " : "FAILED"}  ${r.detail}`);
    }
}

/** Where the namespaces are: the seeds' addresses, or for a Network what its pool handed out. */
async function layoutOf(project: PulumiProject): Promise<SeedLayout> {
    if (example !== "network") {
        return SEED_V4;
    }
    const addresses = (await project.outputs()).addresses as Record<string, { ipv4: string }>;
    return { names: ["ns1", "ns2"], addresses: [addresses.ns1.ipv4, addresses.ns2.ipv4], gateway: "192.168.1.1" };
}

/**
 * The seeds' example runs its server as a Service, so its sandbox boots systemd as PID 1 (on an
 * overlay: this machine's files stay as they are); where that cannot boot, the server is started by hand.
 */
async function startSandbox(): Promise<{ sandbox: Sandbox; systemd: boolean }> {
    if (example === "two-namespaces") {
        try {
            say("== starting a sandbox whose PID 1 is systemd (private namespaces, an overlay of /) with a wan and a client");
            return { sandbox: await SystemdSandbox.boot(STATE_DIR), systemd: true };
        } catch (err) {
            say(`   (${(err as Error).message.split("\n")[0]}: the server will be started by hand instead)`);
        }
    }
    say("== starting a sandbox (private network and mount namespaces) with a wan and a client");
    return { sandbox: await Sandbox.start(), systemd: false };
}

async function main(): Promise<number> {
    const { sandbox, systemd } = await startSandbox();
    let project: PulumiProject | undefined;
    try {
        await buildWorld(sandbox);
        const before = await sandbox.snapshot();
        project = await PulumiProject.create(sandbox, `examples/${example}`, "demo");
        if (systemd) {
            await project.setConfig({ server: "true" });
        }

        say("== pulumi up");
        const up = await project.up();
        say(up.stdout.trim());
        say("\n== stack outputs");
        say(JSON.stringify(await project.outputs(), null, 2));
        say("\n== kernel state (ip -br addr in the host, then in ns1)");
        say((await sandbox.sh("ip", "-br", "addr")).trim());
        say((await sandbox.sh("ip", "-n", "ns1", "-br", "addr")).trim());
        say("\n== nat rules");
        say(
            (await sandbox.sh("iptables-save", "-t", "nat"))
                .split("\n")
                .filter((l) => l.startsWith("-A"))
                .join("\n"),
        );

        const layout = await layoutOf(project);
        if (systemd) {
            say("\n== the seeds' server, a Service (systemctl status netns-web)");
            say((await sandbox.run(["systemctl", "status", "--no-pager", "--lines=0", "netns-web.service"])).stdout.trim());
            say(`\n== verification (python3 -m http.server runs in ns1 on ${layout.addresses[0]}:5000 under systemd)`);
        } else {
            await startServer(sandbox, "ns1", layout.addresses[0], 5000, "ns1");
            say(`\n== verification (an HTTP server runs in ns1 on ${layout.addresses[0]}:5000)`);
        }
        const rows = await seedChecks(sandbox, layout, systemd ? "http.server" : "whoami");
        table(rows);
        const failed = rows.filter(([, r]) => !r.ok).length;

        if (keep) {
            say(`\nThe stack is up. Enter the sandbox with: ${sandbox.enterArgv().join(" ")} bash`);
            say(`Pulumi project copy: ${project.dir}`);
            const rl = createInterface({ input: process.stdin, output: process.stdout });
            await rl.question("Press Enter to destroy it. ");
            rl.close();
        }

        say("\n== pulumi destroy");
        const destroyed = (await project.ok("destroy", "--yes", "--skip-preview")).stdout;
        say(
            destroyed
                .split("\n")
                .filter((l) => /^\s+- \d+ deleted|^Duration/.test(l))
                .join("\n"),
        );
        const clean = JSON.stringify(await sandbox.snapshot()) === JSON.stringify(before);
        say(clean ? "sandbox after destroy: exactly as before up" : "sandbox after destroy: DIFFERS from before up");
        say(`\n${rows.length - failed} of ${rows.length} checks passed`);
        return failed === 0 && clean ? 0 : 1;
    } finally {
        await project?.dispose();
        await sandbox.stop();
    }
}

main().then(
    (code) => process.exit(code),
    (err) => {
        console.error(err instanceof Error ? err.message : err);
        process.exit(1);
    },
);

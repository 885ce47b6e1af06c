// Benchmark: the seed topology built and torn down by the hand-typed shell recipe and by
// `pulumi up` / `pulumi destroy` of examples/two-namespaces, side by side in one run, each in a
// fresh sandbox; then both again on a remote machine over SSH (a second sandbox with sshd).
// Prints wall times (median of N rounds) and the ratios.
// Usage: node dist/bench/compare.js [rounds]
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadExeca } from "../provider/host/load-execa";
import { SshHost } from "../provider/host/ssh/ssh-host";
import { cableSandboxes, MGMT } from "../sandbox/link";
import { PulumiProject } from "../sandbox/pulumi-project";
import { configureConnection } from "../sandbox/remote-config";
import { Sandbox } from "../sandbox/sandbox";
import { type SshServer, startSshServer } from "../sandbox/ssh-server";

const rounds = Number(process.argv[2] ?? 3);
const here = join(__dirname, "..", "..", "bench");

async function timed(op: () => Promise<unknown>): Promise<number> {
    const start = process.hrtime.bigint();
    await op();
    return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function shellRound(): Promise<[number, number]> {
    const sandbox = await Sandbox.start();
    try {
        const up = await timed(() => sandbox.sh("bash", join(here, "recipe-up.sh")));
        const down = await timed(() => sandbox.sh("bash", join(here, "recipe-down.sh")));
        return [up, down];
    } finally {
        await sandbox.stop();
    }
}

async function pulumiRound(): Promise<[number, number]> {
    const sandbox = await Sandbox.start();
    const project = await PulumiProject.create(sandbox, "examples/two-namespaces", "bench");
    try {
        const up = await timed(() => project.up());
        const down = await timed(() => project.ok("destroy", "--yes", "--skip-preview"));
        return [up, down];
    } finally {
        await project.dispose();
        await sandbox.stop();
    }
}

/** A remote machine (sshd in a sandbox) and a control machine cabled to it, for one round. */
async function withRemote<T>(op: (control: Sandbox, server: SshServer) => Promise<T>): Promise<T> {
    const remote = await Sandbox.start();
    const control = await Sandbox.start();
    await cableSandboxes(remote, control);
    const server = await startSshServer(remote, MGMT.remoteAddress);
    try {
        return await op(control, server);
    } finally {
        await server.dispose();
        await control.stop();
        await remote.stop();
    }
}

/** The recipe fed to one `ssh root@remote bash -s` session, as a user would run it by hand. */
async function remoteShellRound(): Promise<[number, number]> {
    return withRemote(async (control, server) => {
        const { execa } = await loadExeca();
        const dir = await mkdtemp(join(tmpdir(), "bench-ssh-"));
        const key = join(dir, "key");
        await writeFile(key, server.privateKey, { mode: 0o600 });
        const ssh = [
            ...control.enterArgv(),
            "ssh",
            "-i",
            key,
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            `root@${MGMT.remoteAddress}`,
            "bash",
            "-s",
        ];
        const run = (script: string) => execa(ssh[0], ssh.slice(1), { inputFile: join(here, script) });
        try {
            return [await timed(() => run("recipe-up.sh")), await timed(() => run("recipe-down.sh"))];
        } finally {
            await rm(dir, { recursive: true, force: true });
        }
    });
}

async function remotePulumiRound(): Promise<[number, number]> {
    return withRemote(async (control, server) => {
        const project = await PulumiProject.create(control, "examples/two-namespaces", "bench");
        try {
            await configureConnection(project, server);
            const up = await timed(() => project.up());
            const down = await timed(() => project.ok("destroy", "--yes", "--skip-preview"));
            return [up, down];
        } finally {
            await project.dispose();
        }
    });
}

/** What one SSH exec costs on this remote (dominated by sshd's per-session work). */
async function sessionCost(): Promise<number> {
    return withRemote(async (_control, server) => {
        const host = new SshHost({ host: "remote", privateKey: server.privateKey }, async () => server.pipe());
        await host.run(["true"]);
        const seconds = await timed(async () => {
            for (let i = 0; i < 20; i++) {
                await host.run(["true"]);
            }
        });
        await host.close();
        return seconds / 20;
    });
}

async function main() {
    const shell: [number, number][] = [];
    const pulumi: [number, number][] = [];
    const remoteShell: [number, number][] = [];
    const remotePulumi: [number, number][] = [];
    for (let i = 0; i < rounds; i++) {
        shell.push(await shellRound());
        pulumi.push(await pulumiRound());
        remoteShell.push(await remoteShellRound());
        remotePulumi.push(await remotePulumiRound());
    }
    const row = (name: string, xs: [number, number][]) => {
        const up = median(xs.map((x) => x[0]));
        const down = median(xs.map((x) => x[1]));
        console.log(`${name.padEnd(28)} up ${up.toFixed(2).padStart(6)} s   down ${down.toFixed(2).padStart(6)} s`);
        return [up, down];
    };
    console.log(`seed topology, median of ${rounds} rounds, each in a fresh sandbox`);
    const [su, sd] = row("shell recipe (bash)", shell);
    const [pu, pd] = row("pulumi-netns (pulumi up)", pulumi);
    console.log(`ratio pulumi-netns / shell:    up ${(pu / su).toFixed(1)}x   down ${(pd / sd).toFixed(1)}x`);
    const [rsu, rsd] = row("shell recipe over ssh", remoteShell);
    const [rpu, rpd] = row("pulumi-netns over SSH", remotePulumi);
    console.log(`ratio over SSH / local, pulumi: up ${(rpu / pu).toFixed(1)}x   down ${(rpd / pd).toFixed(1)}x`);
    console.log(`ratio pulumi / shell, over SSH: up ${(rpu / rsu).toFixed(1)}x   down ${(rpd / rsd).toFixed(1)}x`);
    console.log(`one SSH exec on this remote: ${((await sessionCost()) * 1000).toFixed(0)} ms`);
    console.log("@pulumi/command: not measured here (its provider binary is downloaded from GitHub at install)");
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});

// The systemd sandbox boots systemd as PID 1 and leaves this machine's /tmp, /var/log and cgroups
// as they were: its writes land in its overlay, its cgroup is removed with it.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SystemdSandbox } from "../../sandbox/systemd-sandbox";

/** Every path under `dir` (none when it does not exist). */
async function tree(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
    return entries.map(String).sort();
}

const cgroupBase = async () => ((await stat("/sys/fs/cgroup/unified").catch(() => undefined)) ? "/sys/fs/cgroup/unified" : "/sys/fs/cgroup");
/** This machine's own top-level cgroups (other systemd sandboxes, of tests running beside this one, left out). */
const machineCgroups = async () => (await readdir(await cgroupBase())).filter((d) => !d.startsWith("pulumi-netns-systemd-")).sort();
const exists = (path: string) =>
    stat(path).then(
        () => true,
        () => false,
    );

test("boots systemd as PID 1; this machine's /tmp, /var/log and cgroups are untouched", async () => {
    const marker = await mkdtemp("/tmp/pulumi-netns-marker-");
    await writeFile(join(marker, "kept"), "still here\n");
    const work = await mkdtemp("/tmp/pulumi-netns-work-");
    const logBefore = await tree("/var/log");
    const cgroupsBefore = await machineCgroups();

    const sandbox = await SystemdSandbox.boot(work).catch(async (err) => {
        await rm(marker, { recursive: true });
        await rm(work, { recursive: true });
        throw err;
    });
    try {
        expect(await sandbox.state()).toMatch(/^(running|degraded)$/);
        expect((await sandbox.sh("cat", "/proc/1/comm")).trim()).toBe("systemd");
        // A cgroup of its own, beside the machine's.
        expect(sandbox.cgroup.startsWith(`${await cgroupBase()}/pulumi-netns-systemd-`)).toBe(true);
        expect(await exists(sandbox.cgroup)).toBe(true);
        // tmpfiles is masked; what it would clean is the overlay's anyway.
        expect((await sandbox.run(["systemctl", "is-enabled", "systemd-tmpfiles-setup.service"])).stdout.trim()).toBe("masked");
        await sandbox.sh("touch", "/tmp/written-inside", "/var/log/written-inside");
        await sandbox.sh("systemd-run", "--wait", "-q", "-p", "Type=oneshot", "/bin/sh", "-c", "echo sandbox-journal-line");
        expect(await sandbox.sh("journalctl", "--no-pager", "-o", "cat", "-g", "sandbox-journal-line")).toMatch(/sandbox-journal-line/);
        // The work directory is the one place shared read-write.
        await sandbox.sh("sh", "-c", `echo shared > ${join(work, "from-inside")}`);
        expect(await readFile(join(work, "from-inside"), "utf8")).toBe("shared\n");
    } finally {
        await sandbox.stop();
    }

    try {
        expect(await readFile(join(marker, "kept"), "utf8")).toBe("still here\n");
        expect(await exists("/tmp/written-inside")).toBe(false);
        expect(await tree("/var/log")).toEqual(logBefore);
        expect(await exists(sandbox.cgroup)).toBe(false);
        expect(await machineCgroups()).toEqual(cgroupsBefore);
        // Every process of the sandbox is gone (its cgroup could not be removed otherwise); PID 1 at most a zombie.
        expect(await readFile(`/proc/${sandbox.pid}/stat`, "utf8").catch(() => "gone")).toMatch(/^gone$|\) Z /);
    } finally {
        await rm(marker, { recursive: true });
        await rm(work, { recursive: true });
    }
}, 60_000);

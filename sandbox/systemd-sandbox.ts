// A sandbox whose PID 1 is systemd: the "machine" of the Service tests. systemd boots in its own pid,
// mount, net, uts, ipc and cgroup namespaces on an overlay of / whose writes land in a tmpfs, with
// /proc/sys read-only but for net (the sandbox's own), a fresh cgroup2 inside a cgroup made for it
// (removed on stop), and the units that would reach outside it masked. Only `workdir` is shared
// read-write with this machine. Never boot systemd on the real /: its tmpfiles empty /tmp.
import { mkdtemp, readdir, readFile, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { loadExeca } from "../provider/host/load-execa";
import { Sandbox } from "./sandbox";

/**
 * Units masked in the overlay: tmpfiles (it empties /tmp), gettys (the machine's real consoles),
 * clock sync, pstore and module loading (machine-wide), udev, and periodic jobs.
 */
export const MASKED_UNITS = [
    "systemd-tmpfiles-setup.service",
    "systemd-tmpfiles-setup-dev.service",
    "systemd-tmpfiles-setup-dev-early.service",
    "systemd-tmpfiles-clean.service",
    "systemd-tmpfiles-clean.timer",
    "getty.target",
    "getty@.service",
    "serial-getty@.service",
    "console-getty.service",
    "container-getty@.service",
    "systemd-timesyncd.service",
    "systemd-pstore.service",
    "systemd-modules-load.service",
    "systemd-udevd.service",
    "systemd-udev-trigger.service",
    "systemd-journald-audit.socket",
    "timers.target",
];

/**
 * The boot script, run as PID 1's parent in the new namespaces: $0 overlay dir, $1 workdir ("" for
 * none), $2 the disk ("" for none: writes land in a tmpfs of this boot), $3 the target to boot. On a
 * disk, the overlay's upper layer outlives the boot, as a machine's disk does; the units the
 * machine enables in multi-user.target are masked there, so only the sandbox's own start.
 */
const BOOT = `
set -e; o=$0; w=$1; d=$2; t=$3; r=$o/root
mount --make-rprivate /
mount -t tmpfs tmpfs $o && mkdir -p $r
if [ -z "$d" ]; then d=$o; fi
mkdir -p $d/up $d/work && rm -rf $d/work/*
mount -t overlay overlay -o lowerdir=/,upperdir=$d/up,workdir=$d/work $r
if [ "$t" = multi-user.target ]; then for u in /etc/systemd/system/multi-user.target.wants/*; do ln -sf /dev/null $r/etc/systemd/system/\${u##*/}; done; fi
mount --rbind /dev $r/dev
mount -t proc proc $r/proc
mount --bind $r/proc/sys $r/proc/sys && mount -o remount,bind,ro $r/proc/sys
mount --bind /proc/sys/net $r/proc/sys/net
mount -t sysfs sysfs $r/sys && mount -t cgroup2 cgroup2 $r/sys/fs/cgroup
mount -t tmpfs tmpfs $r/run && mkdir -p $r/run/netns $r/run/lock $r/etc/netns
if [ -n "$w" ]; then mkdir -p $r$w && mount --bind $w $r$w; fi
for u in ${MASKED_UNITS.join(" ")}; do ln -sf /dev/null $r/etc/systemd/system/$u; done
mkdir -p $r/.oldroot && cd $r && pivot_root . .oldroot && umount -l /.oldroot
ip link set lo up; export container=other
exec /lib/systemd/systemd --system --unit=$t`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SystemdSandbox extends Sandbox {
    /** The cgroup made for the sandbox on this machine (removed on stop), and the directory its overlay's tmpfs was mounted on. */
    cgroup = "";
    private overlay = "";

    /**
     * Boots systemd and waits until it reports running. `workdir` (absolute) is the one directory
     * shared read-write with this machine (e2e tests: the repo's .state, where their stacks live).
     * With `disk` (a directory, e.g. on a tmpfs made for the test), the sandbox's writes land there
     * and the next boot on the same disk finds them, with a fresh network namespace and an empty
     * /run: a reboot. `target` is the unit to boot (basic.target; multi-user.target as a server does).
     */
    static async boot(workdir?: string, options: { disk?: string; target?: "basic.target" | "multi-user.target" } = {}): Promise<SystemdSandbox> {
        if (process.getuid?.() !== 0) {
            throw new Error("a systemd sandbox needs root");
        }
        const base = (await readdir("/sys/fs/cgroup/unified")
            .then(() => true)
            .catch(() => false))
            ? "/sys/fs/cgroup/unified"
            : "/sys/fs/cgroup";
        const cgroup = await mkdtemp(join(base, "pulumi-netns-systemd-"));
        const overlay = await mkdtemp("/run/pulumi-netns-systemd-");
        const { execa } = await loadExeca();
        const inner = ["unshare", "--cgroup", "--pid", "--fork", "--mount", "--net", "--uts", "--ipc", "--kill-child", "--", "bash", "-c", BOOT];
        const holder = execa(
            "bash",
            [
                "-c",
                'echo $$ > "$1/cgroup.procs" && shift && exec "$@"',
                "_",
                cgroup,
                ...inner,
                overlay,
                workdir ?? "",
                options.disk ?? "",
                options.target ?? "basic.target",
            ],
            {
                reject: false,
                stdin: "ignore",
                stdout: "ignore",
                stderr: "pipe",
            },
        );
        let sandbox: SystemdSandbox | undefined;
        try {
            const pid = await systemdUnder(holder.pid!);
            sandbox = new SystemdSandbox(pid, holder);
            sandbox.cgroup = cgroup;
            sandbox.overlay = overlay;
            await sandbox.untilRunning();
            return sandbox;
        } catch (err) {
            holder.kill("SIGKILL");
            await holder;
            await removeCgroup(cgroup);
            await rmdir(overlay).catch(() => undefined);
            throw new Error(`systemd sandbox did not boot: ${(err as Error).message} ${String((await holder).stderr ?? "")}`);
        }
    }

    override enterArgv(workdir?: string): string[] {
        return ["nsenter", "-t", String(this.pid), "-n", "-m", "-p", "-u", "-i", "-C", ...(workdir ? [`--wd=${workdir}`] : []), "--"];
    }

    /** What `systemctl is-system-running` says ("running", "degraded", ...). */
    async state(): Promise<string> {
        return (await this.run(["systemctl", "is-system-running"])).stdout.trim();
    }

    private async untilRunning(): Promise<void> {
        let state = "";
        for (let i = 0; i < 300; i++) {
            state = await this.state().catch(() => "");
            if (state === "running" || state === "degraded") {
                return;
            }
            await sleep(100);
        }
        throw new Error(`systemd is "${state}" after 30 s`);
    }

    /** Ends every process of the sandbox (PID 1 takes its pid namespace along) and removes its cgroup. */
    override async stop(): Promise<void> {
        try {
            process.kill(this.pid, "SIGKILL");
        } catch {
            /* already gone */
        }
        this.holder.kill("SIGKILL");
        await this.holder;
        await removeCgroup(this.cgroup);
        await rmdir(this.overlay).catch(() => undefined);
    }
}

/** The pid of systemd once the holder's child has exec'd it. */
async function systemdUnder(holder: number): Promise<number> {
    for (let i = 0; i < 100; i++) {
        const children = await readFile(`/proc/${holder}/task/${holder}/children`, "utf8").catch(() => "");
        const pid = Number(children.trim().split(/\s+/)[0]);
        if (pid && (await readFile(`/proc/${pid}/comm`, "utf8").catch(() => "")).trim() === "systemd") {
            return pid;
        }
        await sleep(50);
    }
    throw new Error("systemd did not start");
}

/** Removes a cgroup and the ones systemd made inside it, deepest first, once their processes are gone. */
async function removeCgroup(dir: string): Promise<void> {
    const subtree = async (d: string): Promise<string[]> => {
        const entries = await readdir(d, { withFileTypes: true }).catch(() => []);
        const below = await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => subtree(join(d, e.name))));
        return [...below.flat(), d];
    };
    for (let attempt = 0; attempt < 50; attempt++) {
        for (const d of await subtree(dir)) {
            await rmdir(d).catch(() => undefined);
        }
        if (
            !(await readdir(dir)
                .then(() => true)
                .catch(() => false))
        ) {
            return;
        }
        await sleep(100);
    }
    throw new Error(`the sandbox's cgroup ${dir} could not be removed`);
}

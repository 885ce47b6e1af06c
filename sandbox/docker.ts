// A real Docker daemon (Debian's docker.io) inside a sandbox: its data and run directories on a
// tmpfs in the sandbox's mount namespace, its bridge and rules in the sandbox's network namespace,
// and a container from an image made here (a busybox rootfs imported: no registry).
import type { ResultPromise } from "execa";
import { loadExeca } from "../provider/host/load-execa";
import type { Sandbox } from "./sandbox";

const ROOT = "/media/docker";
const SOCKET = `unix://${ROOT}/exec/docker.sock`;

export class DockerDaemon {
    private daemon?: ResultPromise;
    private containerd?: ResultPromise;

    private constructor(private readonly sandbox: Sandbox) {}

    /** Mounts its tmpfs, makes the busybox rootfs (with an index.html naming it) and starts dockerd. */
    static async start(sandbox: Sandbox): Promise<DockerDaemon> {
        await sandbox.sh(
            "sh",
            "-c",
            `mount -t tmpfs docker /media && mkdir -p ${ROOT}/data ${ROOT}/exec ${ROOT}/rootfs/bin ${ROOT}/rootfs/www ` +
                `&& cp /usr/bin/busybox ${ROOT}/rootfs/bin/busybox && echo mini > ${ROOT}/rootfs/www/index.html`,
        );
        const docker = new DockerDaemon(sandbox);
        await docker.startContainerd();
        await docker.startDaemon();
        await sandbox.sh("sh", "-c", `tar -C ${ROOT}/rootfs -c . | /usr/bin/docker -H ${SOCKET} import - mini`);
        return docker;
    }

    /** `docker ARGS` against this daemon. */
    cli(...args: string[]): Promise<string> {
        return this.sandbox.sh("/usr/bin/docker", "-H", SOCKET, ...args);
    }

    /** containerd as its own daemon (Debian's containerd.service), so a restart of dockerd leaves it running. */
    private async startContainerd(): Promise<void> {
        const { execa } = await loadExeca();
        const containerd = `exec /usr/bin/containerd --root ${ROOT}/data/containerd --state ${ROOT}/exec/containerd --address ${ROOT}/exec/containerd.sock 2>>${ROOT}/containerd.log`;
        const argv = [...this.sandbox.enterArgv(), "sh", "-c", containerd];
        this.containerd = execa(argv[0], argv.slice(1), { stdin: "ignore", stdout: "ignore", stderr: "ignore", reject: false });
        this.sandbox.track(this.containerd);
        const deadline = Date.now() + 30_000;
        while ((await this.sandbox.run(["test", "-S", `${ROOT}/exec/containerd.sock`])).exitCode !== 0) {
            if (Date.now() > deadline) {
                throw new Error("containerd did not start within 30 s");
            }
            await new Promise((r) => setTimeout(r, 100));
        }
    }

    private async startDaemon(): Promise<void> {
        const { execa } = await loadExeca();
        // Its log in the tmpfs, for the message when it does not come up.
        const daemon = `exec /usr/sbin/dockerd --data-root ${ROOT}/data --exec-root ${ROOT}/exec --pidfile ${ROOT}/exec/docker.pid --containerd ${ROOT}/exec/containerd.sock -H ${SOCKET} 2>>${ROOT}/dockerd.log`;
        const argv = [...this.sandbox.enterArgv(), "sh", "-c", daemon];
        this.daemon = execa(argv[0], argv.slice(1), {
            stdin: "ignore",
            stdout: "ignore",
            stderr: "ignore",
            reject: false,
        });
        this.sandbox.track(this.daemon);
        const deadline = Date.now() + 60_000;
        while ((await this.sandbox.run(["/usr/bin/docker", "-H", SOCKET, "version"])).exitCode !== 0) {
            if (Date.now() > deadline) {
                const log = (await this.sandbox.run(["tail", "-n", "15", `${ROOT}/dockerd.log`])).stdout;
                throw new Error(`dockerd did not answer within 60 s; its log ends:\n${log}`);
            }
            await new Promise((r) => setTimeout(r, 200));
        }
    }

    /** Stops dockerd as systemd would (SIGTERM, its containers stopped), then starts it again. */
    async restart(): Promise<void> {
        await this.stopDaemon();
        await this.startDaemon();
    }

    private async stopDaemon(): Promise<void> {
        this.daemon?.kill("SIGTERM");
        await this.daemon;
    }

    /** The containers' first processes, so they are ended even when the daemon cannot end them. */
    private readonly containerPids = new Set<number>();

    /** Notes the running containers' processes (after a run or a restart). */
    async noteContainers(): Promise<void> {
        const ids = (await this.cli("ps", "-q")).split("\n").filter(Boolean);
        for (const id of ids) {
            this.containerPids.add(Number((await this.cli("inspect", "-f", "{{.State.Pid}}", id)).trim()));
        }
    }

    /**
     * Removes every container and stops both daemons; a container process that outlived them is
     * killed (in its own PID namespace it ignores SIGTERM), and Docker's empty cgroups removed.
     */
    async dispose(): Promise<void> {
        const ids = (await this.sandbox.run(["/usr/bin/docker", "-H", SOCKET, "ps", "-aq"])).stdout.split("\n").filter(Boolean);
        if (ids.length > 0) {
            await this.sandbox.run(["/usr/bin/docker", "-H", SOCKET, "rm", "-f", ...ids]);
        }
        await this.stopDaemon();
        this.containerd?.kill("SIGTERM");
        await this.containerd;
        for (const pid of this.containerPids) {
            try {
                process.kill(pid, "SIGKILL");
            } catch {
                /* already gone */
            }
        }
        await this.sandbox.run(["sh", "-c", 'for d in /sys/fs/cgroup/*/docker; do rmdir "$d"/*/ "$d" 2>/dev/null; done; true']);
    }
}

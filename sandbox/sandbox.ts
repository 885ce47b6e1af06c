// A private network + mount namespace that plays "the host" for tests and the demo: its own
// links, its own /run/netns, its own iptables. Nothing done inside touches the real host network.
import { readdir, readlink } from "node:fs/promises";
import type { ResultPromise } from "execa";
import { ensureSuccess } from "../provider/host/command-error";
import type { Host, RunResult } from "../provider/host/host";
import { loadExeca } from "../provider/host/load-execa";
import { LocalHost } from "../provider/host/local-host";

export interface SandboxSnapshot {
    links: string[];
    namespaces: string[];
    iptables: string;
    ip6tables: string;
    /** The host's IPv4 and IPv6 routes, one line each (main table). */
    routes: string[];
    /** Files under the sandbox's own /etc/netns (namespaces' resolv.conf). */
    etcNetns: string[];
    sysctl: Record<string, string>;
}

const SYSCTLS = ["net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding"];

export class Sandbox {
    /** Runs commands inside the sandbox, as the providers would on a real host. */
    readonly host: Host;

    /** Processes started inside (servers): killed on stop even if their namespace was deleted. */
    private readonly tracked: ResultPromise[] = [];

    /** @param holder the process whose end frees the sandbox; `pid` is the one commands enter. */
    protected constructor(
        readonly pid: number,
        protected readonly holder: ResultPromise,
    ) {
        this.host = new LocalHost(this.enterArgv());
    }

    /**
     * Starts the holder process: new network and mount namespaces, a tmpfs /run/netns, lo up.
     * With `shareRunOf`, the new sandbox is made from that one's mount namespace and keeps its
     * /run/pulumi-netns: two network namespaces sharing one /run, on purpose (as containers or
     * simulated machines on one host do).
     */
    static async start(options: { shareRunOf?: Sandbox } = {}): Promise<Sandbox> {
        if (process.getuid?.() !== 0) {
            throw new Error("kernel and e2e tests need root (they create namespaces in a private sandbox)");
        }
        // Private tmpfs for everything the providers keep on a host: namespaces, the owner records of
        // switches, and namespaces' own /etc files (resolv.conf).
        const runRecords = options.shareRunOf ? "" : "&& mount -t tmpfs sandbox /run/pulumi-netns ";
        const script =
            "mkdir -p /run/netns /run/pulumi-netns /etc/netns && mount -t tmpfs sandbox /run/netns " +
            `${runRecords}&& mount -t tmpfs sandbox /etc/netns ` +
            "&& ip link set lo up && echo $$ && exec sleep infinity";
        const { execa } = await loadExeca();
        const enter = options.shareRunOf ? ["nsenter", "-t", String(options.shareRunOf.pid), "-m", "--"] : [];
        const argv = [...enter, "unshare", "--net", "--mount", "--propagation", "private", "--fork", "--kill-child", "--", "sh", "-c", script];
        const holder = execa(argv[0], argv.slice(1), {
            reject: false,
            stdin: "ignore",
            stderr: "pipe",
        });
        const pid = await new Promise<number>((resolve, reject) => {
            holder.stdout!.once("data", (chunk: Buffer) => resolve(Number(String(chunk).trim())));
            holder.once("exit", () => reject(new Error(`sandbox did not start: ${holder.stderr}`)));
        });
        return new Sandbox(pid, holder);
    }

    /** argv prefix that runs a command inside the sandbox. */
    enterArgv(workdir?: string): string[] {
        return ["nsenter", "-t", String(this.pid), "-n", "-m", ...(workdir ? [`--wd=${workdir}`] : []), "--"];
    }

    run(argv: readonly string[]): Promise<RunResult> {
        return this.host.run(argv);
    }

    /** Runs and returns stdout, failing loudly on a non-zero exit. */
    async sh(...argv: string[]): Promise<string> {
        return ensureSuccess(await this.run(argv), "sandbox").stdout;
    }

    /** Everything the tests compare before and after: links, namespaces, rules, sysctls. */
    async snapshot(): Promise<SandboxSnapshot> {
        const links = (JSON.parse(await this.sh("ip", "-j", "link", "show")) as { ifname: string }[]).map((l) => l.ifname).sort();
        const namespaces = (JSON.parse((await this.sh("ip", "-j", "netns", "list")) || "[]") as { name: string }[]).map((n) => n.name).sort();
        const iptables = await this.iptablesRules();
        const ip6tables = await this.iptablesRules(6);
        const routes = [...(await this.sh("ip", "-4", "route", "show")).split("\n"), ...(await this.sh("ip", "-6", "route", "show")).split("\n")]
            .filter(Boolean)
            .map((r) => r.replace(/ linkdown\b/, "").trim())
            .sort(); // carrier is not configuration
        const sysctl: Record<string, string> = {};
        for (const key of SYSCTLS) {
            sysctl[key] = (await this.sh("sysctl", "-n", key)).trim();
        }
        const etcNetns = (await this.sh("find", "/etc/netns", "-mindepth", "1")).split("\n").filter(Boolean).sort();
        return { links, namespaces, iptables, ip6tables, routes, etcNetns, sysctl };
    }

    /**
     * The rules of every table, with the chains' non-default policies and user chains. Empty
     * built-in chains are left out: an empty nat table and no nat table filter nothing alike.
     */
    async iptablesRules(family: 4 | 6 = 4): Promise<string> {
        const r = await this.run([family === 6 ? "ip6tables-save" : "iptables-save"]);
        return r.stdout
            .split("\n")
            .filter((l) => l.startsWith("-A ") || (l.startsWith(":") && !/^:\S+ ACCEPT /.test(l)))
            .map((l) => l.replace(/ \[\d+:\d+\]$/, ""))
            .join("\n");
    }

    /**
     * Makes the sandbox an nftables-only machine: its /usr/sbin (and /sbin, a link to it) keeps
     * every program but the *tables ones (iptables, ip6tables, their -save and -restore, ebtables,
     * arptables). The real /usr/sbin stays reachable only under /media/sbin, off PATH.
     */
    async hideIptables(): Promise<void> {
        const script =
            "mount -t tmpfs sandbox /media && mkdir /media/sbin && mount --bind /usr/sbin /media/sbin && mount -t tmpfs sandbox /usr/sbin " +
            '&& for f in /media/sbin/*; do n=$(basename "$f"); case "$n" in *tables*) ;; *) ln -s "$f" "/usr/sbin/$n" ;; esac; done';
        await this.sh("sh", "-c", script);
    }

    /** The nftables ruleset, as `nft list ruleset` prints it (empty when there is none). */
    async nftRuleset(): Promise<string> {
        return this.sh("nft", "list", "ruleset");
    }

    /** Keeps a process started inside the sandbox, to be killed by stop(). */
    track(process: ResultPromise): void {
        this.tracked.push(process);
    }

    /** Kills every process living in the sandbox or one of its namespaces, then the holder. */
    async stop(): Promise<void> {
        for (const p of this.tracked) {
            p.kill("SIGKILL");
        }
        const inodes = new Set<string>([await readlink(`/proc/${this.pid}/ns/net`).catch(() => "")]);
        for (const name of JSON.parse((await this.run(["ip", "-j", "netns", "list"])).stdout || "[]") as { name: string }[]) {
            for (const pid of (await this.run(["ip", "netns", "pids", name.name])).stdout.split("\n").filter(Boolean)) {
                inodes.add(await readlink(`/proc/${pid}/ns/net`).catch(() => ""));
            }
        }
        inodes.delete("");
        for (const entry of await readdir("/proc")) {
            if (/^\d+$/.test(entry) && Number(entry) !== this.pid) {
                const ns = await readlink(`/proc/${entry}/ns/net`).catch(() => "");
                if (inodes.has(ns)) {
                    try {
                        process.kill(Number(entry), "SIGKILL");
                    } catch {
                        /* already gone */
                    }
                }
            }
        }
        this.holder.kill("SIGKILL");
        await this.holder;
    }
}

// The SSH host against a real OpenSSH server (inetd mode, on a pipe) living in a sandbox: the
// remote shell, sudo, exit codes and stderr are all real.
import { Duplex, Readable, Writable } from "node:stream";
import fc from "fast-check";
import { makeProvider } from "../../provider";
import { CommandError } from "../../provider/host/command-error";
import { FileClient } from "../../provider/host/file-client";
import type { HostResolver } from "../../provider/host/host";
import { loadExeca } from "../../provider/host/load-execa";
import { hostPool, sessionKey } from "../../provider/host/resolve";
import { SshHost } from "../../provider/host/ssh/ssh-host";
import type { Connection } from "../../provider/schemas/connection";
import { Sandbox } from "../../sandbox/sandbox";
import { FOREIGN_HOST_KEY, KEY_PASSPHRASE, type SshServer, SUDO_USER, SUDO_USER_PASSWORD, startSshServer } from "../../sandbox/ssh-server";
import { checkAndCreate, providerIn } from "../support/kernel-provider";

jest.setTimeout(60_000);

/** What sshd puts in every session's environment on this machine. */
const LOGIN_ENV = { http_proxy: "http://127.0.0.1:3128", https_proxy: "http://127.0.0.1:3128", PYENV_VERSION: "leaked" };

let sandbox: Sandbox;
let server: SshServer;
const hosts: SshHost[] = [];
beforeAll(async () => {
    sandbox = await Sandbox.start();
    // An admin's SetEnv: the login environment commands must not see (a proxy would answer probes).
    server = await startSshServer(sandbox, "127.0.0.1", 2222, { setEnv: LOGIN_ENV });
});
afterAll(async () => {
    await Promise.all(hosts.map((h) => h.close()));
    await server?.dispose();
    await sandbox?.stop();
});

function sshHost(extra: Partial<Connection> = {}): SshHost {
    const host = new SshHost({ host: "remote.test", privateKey: server.privateKey, hostKey: server.hostKey, ...extra }, async () => server.pipe());
    hosts.push(host);
    return host;
}

const printed = async (host: SshHost, words: string[]) => (await host.run(["printf", "%s\\0", ...words])).stdout.split("\0").slice(0, -1);

test("hostile words reach the program verbatim: the remote shell never reads them as syntax", async () => {
    const hostile = [
        "$(touch /tmp/pwned)",
        "`id`",
        "; rm -rf /",
        "a'b",
        "'",
        '"',
        "\\",
        "x\ny",
        "*",
        "-n",
        "",
        " spaced ",
        "$HOME",
        "&& reboot",
        "|cat",
        "> /etc/passwd",
        "ünï",
        "#comment",
    ];
    const host = sshHost();
    expect(await printed(host, hostile)).toEqual(hostile);
    await fc.assert(
        fc.asyncProperty(
            fc.array(
                fc.string({ unit: "binary" }).filter((s) => !s.includes("\0")),
                { minLength: 1, maxLength: 5 },
            ),
            async (words) => {
                expect(await printed(host, words)).toEqual(words);
            },
        ),
        { numRuns: 50 },
    );
    expect((await sandbox.run(["test", "-e", "/tmp/pwned"])).exitCode).not.toBe(0);
});

test("a failing command resolves with the remote exit code and stderr", async () => {
    const r = await sshHost().run(["ip", "link", "show", "dev", "nosuchdev"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/nosuchdev.*does not exist/);
    expect(new CommandError(r).message).toMatch(/^running "ip link show dev nosuchdev" on root@remote.test:22: exit 1: .*does not exist/);
});

test("commands run in C locale with the sbin directories on PATH", async () => {
    expect((await sshHost().run(["sh", "-c", "echo $LC_ALL; command -v iptables"])).stdout).toBe("C\n/usr/sbin/iptables\n");
});

test("sudo: a non-root login runs commands as root through sudo -n", async () => {
    expect((await sshHost({ user: SUDO_USER }).run(["id", "-u"])).stdout.trim()).toBe("4242");
    expect((await sshHost({ user: SUDO_USER, sudo: true }).run(["id", "-u"])).stdout.trim()).toBe("0");
    const denied = await sshHost({ user: SUDO_USER }).run(["ip", "netns", "add", "nope"]);
    expect(denied.exitCode).not.toBe(0);
});

test("every way to log in: key, encrypted key with its passphrase, password", async () => {
    expect((await sshHost({ privateKey: server.encryptedKey, privateKeyPassword: KEY_PASSPHRASE }).run(["id", "-u"])).stdout).toBe("0\n");
    expect((await sshHost({ user: SUDO_USER, privateKey: undefined, password: SUDO_USER_PASSWORD }).run(["id", "-u"])).stdout).toBe("4242\n");
    await expect(sshHost({ privateKey: server.encryptedKey, privateKeyPassword: "wrong" }).run(["true"])).rejects.toThrow(
        "root@remote.test:22: Cannot parse privateKey: OpenSSH key integrity check failed -- bad passphrase?",
    );
});

/** Sessions sshd has started for `user` so far: one login shell each. */
const sessions = async (user = "root") => ((await server.log()).match(new RegExp(`Starting session: command for ${user} from`, "g")) ?? []).length;

test("one login shell serves many commands: a runner kept open on one channel", async () => {
    const host = sshHost();
    const before = await sessions();
    for (let i = 0; i < 30; i++) {
        expect((await host.run(["echo", String(i)])).stdout).toBe(`${i}\n`);
    }
    expect((await host.run(["cat"], { input: "through the runner\n" })).stdout).toBe("through the runner\n");
    expect(await sessions()).toBe(before + 1);
    // A word no line can carry takes a channel of its own, and still arrives verbatim.
    expect((await host.run(["printf", "%s", "two\nlines"])).stdout).toBe("two\nlines");
    expect(await sessions()).toBe(before + 2);
});

test("a machine that refuses the runner (here sudo denies `sh -c`): each command takes a channel of its own", async () => {
    const sudoers = `/etc/sudoers.d/${SUDO_USER}`;
    const open = await sandbox.sh("cat", sudoers);
    const write = (text: string) => sandbox.host.run(["tee", sudoers], { input: text });
    await write(`${SUDO_USER} ALL=(root) NOPASSWD: ALL, !/usr/bin/env * sh -c *\n`);
    try {
        const host = sshHost({ user: SUDO_USER, sudo: true });
        const before = await sessions(SUDO_USER);
        expect((await host.run(["id", "-u"])).stdout).toBe("0\n");
        expect((await host.run(["ip", "-j", "link", "show", "lo"])).exitCode).toBe(0);
        expect(await sessions(SUDO_USER)).toBe(before + 3); // the refused runner, then one per command
    } finally {
        await write(open);
    }
});

test("more concurrent commands than OpenSSH's MaxSessions share one connection", async () => {
    const host = sshHost();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => host.run(["echo", String(i)])));
    expect(results.map((r) => r.stdout.trim())).toEqual(Array.from({ length: 40 }, (_, i) => String(i)));
});

test("a resource created over SSH exists in the remote kernel", async () => {
    const ns = providerIn("Namespace", sshHost({ user: SUDO_USER, sudo: true }));
    const { id, outs } = await checkAndCreate(ns, { name: "over-ssh" });
    expect(await sandbox.sh("ip", "netns", "list")).toMatch(/^over-ssh/m);
    await ns.delete(id, outs);
    expect(await sandbox.sh("ip", "netns", "list")).not.toMatch(/over-ssh/);
});

test("a remote machine whose FORWARD policy is DROP: check (preview) refuses until acceptForward is chosen", async () => {
    const nat = providerIn("MasqueradeRule", sshHost());
    const connection = { host: "remote.test" }; // read at check, as preview does
    await sandbox.sh("iptables", "-P", "FORWARD", "DROP");
    try {
        await expect(checkAndCreate(nat, { connection, sourceCidr: "10.9.0.0/24" })).rejects.toThrow(
            /acceptForward: the FORWARD chain on root@remote.test:22 drops by default/,
        );
        expect(await sandbox.sh("iptables-save", "-t", "nat")).not.toContain("10.9.0.0/24");
        const { id, outs } = await checkAndCreate(nat, {
            connection,
            sourceCidr: "10.9.0.0/24",
            excludeOutInterface: "br9",
            acceptForward: true,
        });
        expect(await sandbox.sh("iptables-save")).toMatch(/-A FORWARD -s 10\.9\.0\.0\/24 -i br9 .*-j ACCEPT/);
        await nat.delete(id, outs);
    } finally {
        await sandbox.sh("iptables", "-P", "FORWARD", "ACCEPT");
    }
    expect(await sandbox.sh("iptables-save")).not.toContain("10.9.0.0/24");
});

test("through a bastion: the target is dialled over a channel the bastion opens", async () => {
    const before = (await server.log()).match(/Accepted publickey for root from 127\.0\.0\.1/g)?.length ?? 0;
    const host = sshHost({
        host: "127.0.0.1",
        port: 2222,
        proxy: { host: "bastion.test", privateKey: server.privateKey, hostKey: server.hostKey },
    });
    expect((await host.run(["id", "-u"])).stdout.trim()).toBe("0");
    // The listening sshd saw the target login arrive from the bastion's side of the sandbox.
    expect((await server.log()).match(/Accepted publickey for root from 127\.0\.0\.1/g)?.length).toBe(before + 1);
});

test("a different host key is refused before any command runs", async () => {
    await expect(sshHost({ hostKey: FOREIGN_HOST_KEY }).run(["touch", "/tmp/should-not-exist"])).rejects.toThrow(
        /host key refused: the server presented SHA256:\S+, but connection.hostKey .* is SHA256:\S+; no command was run/,
    );
    expect((await sandbox.run(["test", "-e", "/tmp/should-not-exist"])).exitCode).not.toBe(0);
});

test("a wrong key is refused at once, without retries", async () => {
    const started = Date.now();
    await expect(sshHost({ privateKey: undefined, password: "wrong" }).run(["true"])).rejects.toThrow(/authentication refused for user "root"/);
    expect(Date.now() - started).toBeLessThan(5000);
});

test("an unreachable machine fails after dialErrorLimit attempts, naming the way out", async () => {
    const dead = async () => {
        // A peer that hangs up at once; its closing is the point, not an error of the test.
        const pipe = Duplex.from({ readable: Readable.from([]), writable: new Writable({ write: (_c, _e, cb) => cb() }) });
        return pipe.on("error", () => undefined);
    };
    const host = new SshHost({ host: "gone.test", privateKey: server.privateKey, dialErrorLimit: 3, perDialTimeout: 2 }, dead);
    const started = Date.now();
    await expect(host.run(["true"])).rejects.toThrow(
        /cannot reach root@gone.test:22 after 3 attempts over \d+ s .*pulumi state delete --target-dependents '<URN>'/,
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    // The verdict stays: the next resource on that machine fails at once.
    const again = Date.now();
    await expect(host.run(["true"])).rejects.toThrow(/cannot reach/);
    expect(Date.now() - again).toBeLessThan(500);
});

describe("trust boundaries", () => {
    const base = () => ({ host: "remote.test", privateKey: server.privateKey });
    const pooled = (pool: HostResolver, c: Connection) => {
        const host = pool(c) as SshHost;
        hosts.push(host);
        return host;
    };
    const keyOnly = (line: string) => line.split(" ").slice(0, 2).join(" ");

    test("a pin is never skipped because an unpinned resource of the same machine dialled first", async () => {
        const pool = hostPool(async () => server.pipe());
        expect((await pooled(pool, base()).run(["true"])).exitCode).toBe(0);
        await expect(pooled(pool, { ...base(), hostKey: FOREIGN_HOST_KEY }).run(["touch", "/tmp/pinned-ran"])).rejects.toThrow(/host key refused/);
        expect((await sandbox.run(["test", "-e", "/tmp/pinned-ran"])).exitCode).not.toBe(0);
    });

    test("sessions differ by pin and credentials, not by retry settings", () => {
        expect(sessionKey({ host: "a" })).toBe(sessionKey({ host: "a", dialErrorLimit: 3, perDialTimeout: 2 }));
        expect(sessionKey({ host: "a" })).not.toBe(sessionKey({ host: "a", hostKey: FOREIGN_HOST_KEY }));
        expect(sessionKey({ host: "a", password: "x" })).not.toBe(sessionKey({ host: "a", password: "y" }));
        expect(sessionKey({ host: "a", proxy: { host: "b" } })).not.toBe(sessionKey({ host: "a", proxy: { host: "b", hostKey: FOREIGN_HOST_KEY } }));
    });

    test("without hostKey, the key first seen is recorded in state and a different one is refused later", async () => {
        const provider = makeProvider(
            "Namespace",
            hostPool(async () => server.pipe()),
        );
        const { id, outs } = await checkAndCreate(provider as Required<typeof provider>, { name: "tofu1", connection: base() });
        expect(outs.hostKeySeen).toBe(keyOnly(server.hostKey));
        expect(outs.connection).toEqual(base()); // the recorded pin is not an input change
        expect((await provider.read!(id, outs)).props).toMatchObject({ name: "tofu1", hostKeySeen: outs.hostKeySeen });

        // Another machine answering at that address: refused before any command, both fingerprints named.
        const impostor = { ...outs, hostKeySeen: keyOnly(FOREIGN_HOST_KEY) };
        await expect(
            makeProvider(
                "Namespace",
                hostPool(async () => server.pipe()),
            ).delete!(id, impostor),
        ).rejects.toThrow(
            /host key refused: the server presented SHA256:\S+, .* is SHA256:\S+; no command was run\. If the machine's key changed on purpose, set connection\.hostKey/,
        );
        expect(await sandbox.sh("ip", "netns", "list")).toMatch(/^tofu1\b/m);
        await provider.delete!(id, outs);
    });
});

describe("a clean environment for every command", () => {
    /** Variable names a command sees: besides LC_ALL and PATH, only what sh itself sets (PWD, SHLVL, _). */
    const names = (env: string) =>
        env
            .split("\n")
            .filter(Boolean)
            .map((l) => l.split("=")[0])
            .filter((n) => !["PWD", "OLDPWD", "SHLVL", "_"].includes(n))
            .sort();

    test("nothing of the login's environment (sshd SetEnv http_proxy) reaches a command, on a runner or a channel of its own, with or without sudo", async () => {
        expect((await server.log()).length).toBeGreaterThan(0);
        for (const host of [sshHost(), sshHost({ user: SUDO_USER, sudo: true })]) {
            expect(names((await host.run(["env"])).stdout)).toEqual(["LC_ALL", "PATH"]);
            // A newline in an argument: a channel of its own, through the login shell.
            expect(names((await host.run(["sh", "-c", "env\n"])).stdout)).toEqual(["LC_ALL", "PATH"]);
        }
    });

    test("an http Probe over SSH goes straight to its target, not through the login's proxy", async () => {
        // A "proxy" that answers 200 to anything, where the login's http_proxy points.
        const { execa } = await loadExeca();
        const proxy = `import socket\ns=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", 3128)); s.listen(8)\nwhile True:\n    c,_=s.accept(); c.recv(65536); c.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Length: 0\\r\\nConnection: close\\r\\n\\r\\n"); c.close()\n`;
        const argv = [...sandbox.enterArgv(), "python3", "-c", proxy];
        sandbox.track(execa(argv[0], argv.slice(1), { reject: false, stdin: "ignore" }));
        for (let i = 0; i < 50 && (await sandbox.run(["ss", "-Hltn", "sport = :3128"])).stdout.trim() === ""; i++) {
            await new Promise((r) => setTimeout(r, 100));
        }
        // The proxy answers for any address: the leak this test guards against.
        expect((await sandbox.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-x", LOGIN_ENV.http_proxy, "http://203.0.113.9/"])).stdout).toBe(
            "200",
        );

        const probe = providerIn("Probe", sshHost());
        // 203.0.113.9 has no route in the sandbox: unreachable, whatever a proxy says.
        const { outs } = await checkAndCreate(probe, {
            from: "host",
            to: "203.0.113.9",
            kind: "http",
            port: 80,
            expect: "unreachable",
            timeoutSeconds: 2,
            attempts: 1,
        });
        expect(outs.result).toBe("unreachable");
    });

    test("a command does not inherit the runner's input: nothing it leaves behind can read the next request", async () => {
        process.env.PULUMI_NETNS_COMMAND_TIMEOUT_SECONDS = "5";
        try {
            const host = sshHost();
            expect((await host.run(["readlink", "/proc/self/fd/3"])).exitCode).not.toBe(0);
            // A background reader of fd 3 left by a command would swallow the requests that follow.
            await host.run(["sh", "-c", "exec 2>/dev/null; cat <&3 >/dev/null &"]);
            for (let i = 0; i < 3; i++) {
                expect((await host.run(["echo", `next ${i}`])).stdout).toBe(`next ${i}\n`);
            }
        } finally {
            delete process.env.PULUMI_NETNS_COMMAND_TIMEOUT_SECONDS;
        }
    });
});

describe("deadlines and output", () => {
    afterEach(() => {
        delete process.env.PULUMI_NETNS_COMMAND_TIMEOUT_SECONDS;
    });

    test("a hung remote command is stopped at its deadline, naming it, and frees its channel", async () => {
        process.env.PULUMI_NETNS_COMMAND_TIMEOUT_SECONDS = "1";
        const host = sshHost();
        const started = Date.now();
        // More hung commands than channel slots (8): each fails at its deadline, none waits forever.
        const hung = await Promise.allSettled(Array.from({ length: 9 }, () => host.run(["sleep", "30"])));
        expect(hung.every((r) => r.status === "rejected" && /running "sleep 30" on root@remote.test:22: no result after 1 s/.test(String(r.reason)))).toBe(
            true,
        );
        expect(Date.now() - started).toBeLessThan(10_000);
        expect((await host.run(["true"])).exitCode).toBe(0);
        // The hung commands themselves are gone, not only their channels.
        await new Promise((r) => setTimeout(r, 300));
        expect((await sandbox.run(["pgrep", "-f", "^sleep 30$"])).stdout).toBe("");
    });

    test("a command past its deadline is killed with its children (its process group)", async () => {
        process.env.PULUMI_NETNS_COMMAND_TIMEOUT_SECONDS = "1";
        const host = sshHost();
        await expect(host.run(["sh", "-c", "sleep 31 & sleep 32 & wait"])).rejects.toThrow(/no result after 1 s/);
        await new Promise((r) => setTimeout(r, 300));
        expect((await sandbox.run(["pgrep", "-f", "^sleep 3[12]$"])).stdout).toBe("");
    });

    test("remote stderr reaches messages without terminal escapes or control characters", async () => {
        const r = await sshHost().run(["sh", "-c", "printf '\\033[31mred\\033]0;title\\007 \\001bell\\n' >&2; exit 3"]);
        const message = new CommandError(r).message;
        expect(message).toMatch(/exit 3: red bell$/);
        expect(message).not.toMatch(/[\x00-\x1f\x7f]/);
    });
});

test("the file client rides the SSH runner: a write with its mode and a read back, exactly", async () => {
    const files = new FileClient(sshHost());
    const text = "nameserver 192.0.2.53\n$(id) `id` 'q' \"d\"\n\n";
    await files.write("/run/pulumi-netns/ssh-file-test/f", text, { mode: 0o640, directoryMode: 0o700 });
    expect(await files.read("/run/pulumi-netns/ssh-file-test/f")).toBe(text);
    expect((await sandbox.sh("stat", "-c", "%a %U", "/run/pulumi-netns/ssh-file-test", "/run/pulumi-netns/ssh-file-test/f")).trim()).toBe("700 root\n640 root");
    await files.remove("/run/pulumi-netns/ssh-file-test/f");
    await files.removeDirectoryIfEmpty("/run/pulumi-netns/ssh-file-test");
    expect(await files.read("/run/pulumi-netns/ssh-file-test/f")).toBeUndefined();
});

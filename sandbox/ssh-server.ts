// A real OpenSSH server inside a sandbox: the "remote machine" of the SSH tests. Keys are made
// fresh, and the extra login user and its sudo rule exist only in the sandbox's mount namespace.

import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Duplex } from "node:stream";
import type { ResultPromise } from "execa";
import { loadExeca } from "../provider/host/load-execa";
import type { Sandbox } from "./sandbox";

/** Some other machine's host key: pinning it must refuse our server. */
export const FOREIGN_HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl other";

/** A login without root: it reaches root only through `sudo -n`. */
export const SUDO_USER = "netops";
/** SUDO_USER's password (root logs in by key only). */
export const SUDO_USER_PASSWORD = "correct horse battery staple";
/** The passphrase of the server's second client key. */
export const KEY_PASSPHRASE = "open sesame";
const SUDO_UID = 4242;

export interface SshServer {
    /** The address clients use (sshd listens on every address of the sandbox). */
    address: string;
    port: number;
    /** The server's public key line, as `connection.hostKey` takes it. */
    hostKey: string;
    /** The client's private key (OpenSSH format), accepted for root and SUDO_USER (the newest one). */
    privateKey: string;
    /** A second accepted client key, encrypted with KEY_PASSPHRASE. */
    encryptedKey: string;
    /** Makes a new client key, the only one accepted from now on; returns its private half. */
    rotateClientKey(): Promise<string>;
    /** sshd's own log: who logged in, which sessions opened. */
    log(): Promise<string>;
    /** A server speaking SSH on a pipe (`sshd -i`), for tests that run outside any sandbox. */
    pipe(): Duplex;
    /** Stops listening (the machine "goes away"); the sandbox itself lives on. */
    stop(): Promise<void>;
    /** Listens again (the machine "boots"). */
    start(): Promise<void>;
    /** Stops and removes the keys. */
    dispose(): Promise<void>;
}

export interface SshServerOptions {
    /** Variables sshd sets for every session (`SetEnv`), as a machine's admin may: an `http_proxy`. */
    setEnv?: Record<string, string>;
    /** Where its keys and config go: a directory the sandbox sees (a systemd sandbox sees only its workdir). */
    base?: string;
}

export async function startSshServer(sandbox: Sandbox, address: string, port = 22, options: SshServerOptions = {}): Promise<SshServer> {
    const { execa } = await loadExeca();
    const dir = await mkdtemp(join(options.base ?? tmpdir(), "pulumi-netns-sshd-"));
    await chmod(dir, 0o755); // sshd reads authorized_keys as the login user
    for (const [key, passphrase] of [
        ["host", ""],
        ["client", ""],
        ["encrypted", KEY_PASSPHRASE],
    ]) {
        await execa("ssh-keygen", ["-q", "-t", "ed25519", "-N", passphrase, "-C", `pulumi-netns-test-${key}`, "-f", join(dir, key)]);
    }
    const authorized = [await readFile(join(dir, "client.pub"), "utf8"), await readFile(join(dir, "encrypted.pub"), "utf8")];
    await writeFile(join(dir, "authorized_keys"), authorized.join(""), { mode: 0o644 });
    const config = join(dir, "sshd_config");
    await writeFile(
        config,
        [
            `ListenAddress 0.0.0.0:${port}`,
            `HostKey ${join(dir, "host")}`,
            `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
            "PidFile none",
            "UsePAM no",
            "StrictModes no",
            "PermitRootLogin prohibit-password",
            "PasswordAuthentication yes",
            "KbdInteractiveAuthentication no",
            "LogLevel VERBOSE",
            "MaxStartups 100",
            ...Object.entries(options.setEnv ?? {}).map(([name, value]) => `SetEnv ${name}=${value}`),
            "",
        ].join("\n"),
    );
    await addSudoUser(sandbox, dir);
    await sandbox.sh("mkdir", "-p", "/run/sshd"); // privilege separation directory sshd insists on

    const log = join(dir, "sshd.log");
    let daemon: ResultPromise | undefined;
    const start = async () => {
        const argv = [...sandbox.enterArgv(), "/usr/sbin/sshd", "-D", "-e", "-f", config];
        daemon = execa(argv[0], argv.slice(1), { stdin: "ignore", stdout: "ignore", stderr: { file: log, append: true }, reject: false });
        sandbox.track(daemon);
        await waitFor(
            async () => (await sandbox.run(["ss", "-Hltn", `sport = :${port}`])).stdout.trim() !== "",
            `sshd did not start listening on ${address}:${port}`,
        );
    };
    await start();

    const stop = async () => {
        // Entering a pid namespace (a systemd sandbox), nsenter forks: sshd is its child and would outlive it.
        const children = daemon?.pid ? await readFile(`/proc/${daemon.pid}/task/${daemon.pid}/children`, "utf8").catch(() => "") : "";
        for (const pid of children.split(/\s+/).filter(Boolean)) {
            try {
                process.kill(Number(pid), "SIGKILL");
            } catch {
                /* already gone */
            }
        }
        daemon?.kill("SIGKILL");
        await daemon;
        daemon = undefined;
    };
    const server: SshServer = {
        address,
        port,
        hostKey: (await readFile(join(dir, "host.pub"), "utf8")).trim(),
        privateKey: await readFile(join(dir, "client"), "utf8"),
        encryptedKey: await readFile(join(dir, "encrypted"), "utf8"),
        log: () => readFile(log, "utf8"),
        rotateClientKey: async () => {
            const key = join(dir, `client-${Date.now()}`);
            await execa("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "pulumi-netns-test-rotated", "-f", key]);
            await writeFile(join(dir, "authorized_keys"), await readFile(`${key}.pub`), { mode: 0o644 });
            server.privateKey = await readFile(key, "utf8");
            return server.privateKey;
        },
        pipe: () => {
            const argv = [...sandbox.enterArgv(), "/usr/sbin/sshd", "-i", "-e", "-f", config];
            const child = execa(argv[0], argv.slice(1), { stderr: { file: log, append: true }, reject: false, buffer: false });
            sandbox.track(child);
            const pipe = Duplex.from({ readable: child.stdout!, writable: child.stdin! });
            // sshd -i exits when its session ends (or refuses one): the pipe closing then is expected,
            // and the client has its own error path for a close it did not ask for.
            for (const stream of [pipe, child.stdin!, child.stdout!]) {
                stream.on("error", () => undefined);
            }
            return pipe;
        },
        stop,
        start,
        dispose: async () => {
            await stop();
            await rm(dir, { recursive: true, force: true });
        },
    };
    return server;
}

/** SUDO_USER in private copies of passwd/group/shadow and sudoers.d, bind-mounted in the sandbox only. */
async function addSudoUser(sandbox: Sandbox, dir: string): Promise<void> {
    const { execa } = await loadExeca();
    const hash = (await execa("openssl", ["passwd", "-6", "-stdin"], { input: SUDO_USER_PASSWORD })).stdout.trim();
    const files = {
        passwd: `${SUDO_USER}:x:${SUDO_UID}:${SUDO_UID}::${dir}:/bin/sh\n`,
        group: `${SUDO_USER}:x:${SUDO_UID}:\n`,
        shadow: `${SUDO_USER}:${hash}:19000:0:99999:7:::\n`,
    };
    for (const [name, line] of Object.entries(files)) {
        const copy = join(dir, name);
        await writeFile(copy, (await readFile(`/etc/${name}`, "utf8")) + line, { mode: name === "shadow" ? 0o640 : 0o644 });
        await sandbox.sh("mount", "--bind", copy, `/etc/${name}`);
    }
    const sudoers = join(dir, "sudoers.d");
    await sandbox.sh("mkdir", "-m", "0755", sudoers);
    await writeFile(join(sudoers, SUDO_USER), `${SUDO_USER} ALL=(root) NOPASSWD: ALL\n`, { mode: 0o440 });
    await sandbox.sh("mount", "--bind", sudoers, "/etc/sudoers.d");
}

async function waitFor(ready: () => Promise<boolean>, message: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
        if (await ready()) {
            return;
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(message);
}

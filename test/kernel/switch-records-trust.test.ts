// The forwarding records against other users of the machine (issue 31, findings 3 and 8): another
// user can neither hold the records' lock nor plant a record, whatever the umask the provider runs
// under; a wait that runs out names the lock and who holds it.
import { loadExeca } from "../../provider/host/load-execa";
import { SwitchOwners } from "../../provider/linux/switch-owners";
import { Sandbox } from "../../sandbox/sandbox";

jest.setTimeout(60_000);

const KEY = "net.ipv4.ip_forward";
const LOCK = "/run/pulumi-netns/switches.lock";
const NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
const TAG = "0123456789ab";

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await Sandbox.start(); // its /run/pulumi-netns is a fresh tmpfs, mode 1777 as tmpfs makes it
});
afterAll(async () => {
    await sandbox?.stop();
});
afterEach(() => {
    delete process.env.PULUMI_NETNS_LOCK_WAIT_SECONDS;
});

const stat = async (...paths: string[]) => (await sandbox.sh("stat", "-c", "%a %U", ...paths)).trim().split("\n");

/** A process in the sandbox, left running (killed with the sandbox); boxed, as awaiting it waits for its end. */
async function background(argv: string[]) {
    const { execa } = await loadExeca();
    const full = [...sandbox.enterArgv(), ...argv];
    const child = execa(full[0], full.slice(1), { reject: false, stdin: "ignore" });
    sandbox.track(child);
    return { child };
}

test("another user cannot hold the lock: the directory is root's alone and the lock 0600, so root's join does not wait (finding 3)", async () => {
    const owners = new SwitchOwners(sandbox.host);
    // As the code before left a machine: a directory anyone may enter, a lock anyone may open.
    await sandbox.sh("chmod", "0755", "/run/pulumi-netns");
    await sandbox.sh("sh", "-c", `: >${LOCK} && chmod 0644 ${LOCK}`);
    process.env.PULUMI_NETNS_LOCK_WAIT_SECONDS = "3";
    await owners.join(KEY, TAG); // the first change closes the door
    expect(await stat("/run/pulumi-netns", LOCK)).toEqual(["700 root", "600 root"]);

    const { child: holder } = await background([...NOBODY, "flock", "-x", LOCK, "sleep", "60"]);
    const started = Date.now();
    await owners.leave(KEY, TAG, 0);
    expect(Date.now() - started).toBeLessThan(2500);
    const refused = await holder;
    expect(refused.exitCode).not.toBe(0);
    expect(String(refused.stderr)).toMatch(/Permission denied/);
});

test("a wait for the lock that runs out names the lock and the process holding it (finding 3)", async () => {
    await new SwitchOwners(sandbox.host).list(); // the directory and lock made
    const { child: holder } = await background(["flock", "-x", LOCK, "sleep", "3"]);
    while ((await sandbox.run(["flock", "-n", LOCK, "true"])).exitCode === 0) {
        await new Promise((r) => setTimeout(r, 50)); // until it holds the lock
    }
    process.env.PULUMI_NETNS_LOCK_WAIT_SECONDS = "1";
    await expect(new SwitchOwners(sandbox.host).join(KEY, TAG)).rejects.toThrow(
        /^the forwarding records' lock \/run\/pulumi-netns\/switches\.lock on this machine was still held after 1 s, by process \d+ \(user root: flock -x \/run\/pulumi-netns\/switches\.lock sleep 3\)$/,
    );
    await holder; // its lock goes with it
});

test("under umask 0 every record and directory is root's alone; a record another user wrote is not an owner (finding 8)", async () => {
    const owners = new SwitchOwners(sandbox.host);
    await sandbox.sh("sysctl", "-w", `${KEY}=0`);
    const saved = process.umask(0);
    try {
        await owners.join(KEY, TAG, { stack: "o/p/s", resource: "fwd" });
    } finally {
        process.umask(saved);
    }
    const { self } = await owners.list();
    const dir = `/run/pulumi-netns/switches/${self}/${KEY}`;
    expect(await stat("/run/pulumi-netns", LOCK, "/run/pulumi-netns/switches", `/run/pulumi-netns/switches/${self}`, dir, `${dir}/owner.${TAG}`)).toEqual([
        "700 root",
        "600 root",
        "700 root",
        "700 root",
        "700 root",
        "600 root",
    ]);
    // A forged record (as a user could leave one under the old modes) keeps nothing on.
    await sandbox.sh("sh", "-c", `echo forged >${dir}/owner.ba9876543210 && chown 65534 ${dir}/owner.ba9876543210`);
    expect(await owners.leave(KEY, TAG, 0)).toEqual({ kept: false, restored: 0 });
    expect((await sandbox.sh("sysctl", "-n", KEY)).trim()).toBe("0");
    await sandbox.sh("rm", "-rf", "/run/pulumi-netns/switches");
});

test("a lock that is a symbolic link, or a directory another user owns, is refused naming it (finding 3)", async () => {
    const owners = new SwitchOwners(sandbox.host);
    await sandbox.sh("rm", "-f", LOCK);
    await sandbox.sh("ln", "-s", "/tmp/elsewhere.lock", LOCK);
    await expect(owners.join(KEY, TAG)).rejects.toThrow(`refusing to use the lock file ${LOCK} on this machine: ${LOCK} is a symbolic link`);
    await sandbox.sh("rm", "-f", LOCK);

    await sandbox.sh("chown", "65534", "/run/pulumi-netns");
    try {
        await expect(owners.join(KEY, TAG)).rejects.toThrow("/run/pulumi-netns is owned by user 65534, not root");
    } finally {
        await sandbox.sh("chown", "0", "/run/pulumi-netns");
    }
    await sandbox.sh("install", "-d", "-o", "65534", "-m", "0700", "/run/pulumi-netns/switches");
    await expect(owners.join(KEY, TAG)).rejects.toThrow("/run/pulumi-netns/switches is not a directory of root's");
    await sandbox.sh("rm", "-rf", "/run/pulumi-netns/switches");
});

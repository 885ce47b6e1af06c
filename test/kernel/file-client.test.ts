// The file client against a real filesystem inside a sandbox (a private tmpfs): explicit modes
// whatever the umask, atomic replacement, and refusals of what another user could have planted.
import { FileClient, FileRefusedError } from "../../provider/host/file-client";
import { Sandbox } from "../../sandbox/sandbox";
import { checkAndCreate, providerIn } from "../support/kernel-provider";

jest.setTimeout(60_000);

const AREA = "/run/pulumi-netns/file-client-test";
const NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];

let sandbox: Sandbox;
let files: FileClient;
beforeAll(async () => {
    sandbox = await Sandbox.start();
    files = new FileClient(sandbox.host);
});
afterAll(async () => {
    await sandbox?.stop();
});
beforeEach(async () => {
    await sandbox.sh("rm", "-rf", AREA);
});

const modeOf = async (path: string) => (await sandbox.sh("stat", "-c", "%a %U:%G %F", path)).trim();

test("a file is written with its mode and owner and a directory with its mode, under umask 0 as under 022", async () => {
    const saved = process.umask(0);
    try {
        await files.write(`${AREA}/a/b/secret`, "one\n", { mode: 0o600, directoryMode: 0o700 });
        await files.write(`${AREA}/a/b/public`, "two\n", { mode: 0o644 });
    } finally {
        process.umask(saved);
    }
    expect(await modeOf(`${AREA}/a/b/secret`)).toBe("600 root:root regular file");
    expect(await modeOf(`${AREA}/a/b/public`)).toBe("644 root:root regular file");
    expect(await modeOf(`${AREA}/a/b`)).toBe("700 root:root directory");
    expect(await modeOf(`${AREA}/a`)).toBe("700 root:root directory");
    expect(await files.read(`${AREA}/a/b/secret`)).toBe("one\n");
    // Nobody else reads it, and nothing is left beside it.
    expect((await sandbox.run([...NOBODY, "cat", `${AREA}/a/b/secret`])).exitCode).not.toBe(0);
    expect((await sandbox.sh("ls", "-A", `${AREA}/a/b`)).split("\n").filter(Boolean).sort()).toEqual(["public", "secret"]);
});

test("a write replaces the file whole: a new inode renamed over the old, with the new mode", async () => {
    await files.write(`${AREA}/f`, "old\n", { mode: 0o666, directoryMode: 0o755 });
    const before = (await sandbox.sh("stat", "-c", "%i", `${AREA}/f`)).trim();
    await files.write(`${AREA}/f`, "new\n", { mode: 0o640 });
    expect((await sandbox.sh("stat", "-c", "%i", `${AREA}/f`)).trim()).not.toBe(before);
    expect(await modeOf(`${AREA}/f`)).toBe("640 root:root regular file");
    expect(await files.read(`${AREA}/f`)).toBe("new\n");
});

test("a symbolic link where the file goes is refused and its target left alone", async () => {
    await files.directory(AREA, 0o755);
    await sandbox.sh("sh", "-c", `echo target >${AREA}/target && ln -s ${AREA}/target ${AREA}/link`);
    await expect(files.write(`${AREA}/link`, "planted\n", { mode: 0o600 })).rejects.toThrow(
        `refusing to write ${AREA}/link on this machine: ${AREA}/link is a symbolic link`,
    );
    await expect(files.read(`${AREA}/link`)).rejects.toBeInstanceOf(FileRefusedError);
    expect(await files.read(`${AREA}/target`)).toBe("target\n");
});

test("a directory another user owns, may write, or that is a symbolic link is refused, and nothing lands in it", async () => {
    await files.directory(AREA, 0o755);
    await sandbox.sh("install", "-d", "-o", "65534", "-g", "65534", "-m", "0700", `${AREA}/theirs`);
    await sandbox.run([...NOBODY, "ln", "-s", "/etc/planted", `${AREA}/theirs/secret.env`]);
    await expect(files.write(`${AREA}/theirs/secret.env`, "TOKEN=x\n", { mode: 0o600, directoryMode: 0o700 })).rejects.toThrow(
        `${AREA}/theirs is owned by user 65534, not root`,
    );
    await expect(files.write(`${AREA}/theirs/secret.env`, "TOKEN=x\n", { mode: 0o600 })).rejects.toThrow(/owned by user 65534, not root/);
    await expect(files.directory(`${AREA}/theirs/sub`, 0o700)).rejects.toThrow(/owned by user 65534, not root/);

    await sandbox.sh("install", "-d", "-m", "0777", `${AREA}/open`);
    await expect(files.write(`${AREA}/open/f`, "x\n", { mode: 0o600 })).rejects.toThrow(`${AREA}/open may be written by users other than root`);

    await sandbox.sh("ln", "-s", `${AREA}/theirs`, `${AREA}/dirlink`);
    await expect(files.write(`${AREA}/dirlink/f`, "x\n", { mode: 0o600 })).rejects.toThrow(/symbolic link|owned by user 65534/);
    await expect(files.directory(`${AREA}/dirlink`, 0o700)).rejects.toThrow(`${AREA}/dirlink is a symbolic link`);
    expect((await sandbox.sh("find", "/etc/planted", `${AREA}/open`, "-mindepth", "0").catch(() => "")).includes("planted")).toBe(false);
});

test("a directory of root's is given the mode asked for; a lock file is made once and never replaced", async () => {
    await sandbox.sh("install", "-d", "-m", "0755", AREA);
    await files.directory(AREA, 0o700);
    expect(await modeOf(AREA)).toBe("700 root:root directory");
    await files.lockFile(`${AREA}/x.lock`, 0o600);
    const inode = (await sandbox.sh("stat", "-c", "%i", `${AREA}/x.lock`)).trim();
    await sandbox.sh("chmod", "0644", `${AREA}/x.lock`);
    await files.lockFile(`${AREA}/x.lock`, 0o600);
    expect(await modeOf(`${AREA}/x.lock`)).toBe("600 root:root regular empty file");
    expect((await sandbox.sh("stat", "-c", "%i", `${AREA}/x.lock`)).trim()).toBe(inode);
});

test("reading or removing what is not there is no error", async () => {
    await files.directory(AREA, 0o755);
    expect(await files.read(`${AREA}/none`)).toBeUndefined();
    await files.remove(`${AREA}/none`);
    await files.removeDirectoryIfEmpty(`${AREA}/none`);
    await files.write(`${AREA}/d/f`, "x", { mode: 0o644, directoryMode: 0o755 });
    await files.removeDirectoryIfEmpty(`${AREA}/d`); // not empty: kept
    expect(await files.read(`${AREA}/d/f`)).toBe("x");
    await files.remove(`${AREA}/d/f`);
    await files.removeDirectoryIfEmpty(`${AREA}/d`);
    expect((await sandbox.run(["test", "-e", `${AREA}/d`])).exitCode).toBe(1);
});

test("ResolvConf writes through the client: 0644 in a 0755 directory under umask 0, read back, and gone with its directory", async () => {
    const resolv = providerIn("ResolvConf", sandbox.host);
    const saved = process.umask(0);
    let made: Awaited<ReturnType<typeof checkAndCreate>>;
    try {
        made = await checkAndCreate(resolv, { namespace: "fc1", nameservers: ["192.0.2.53"], search: ["lab.internal"] });
    } finally {
        process.umask(saved);
    }
    expect(await modeOf("/etc/netns/fc1/resolv.conf")).toBe("644 root:root regular file");
    expect(await modeOf("/etc/netns/fc1")).toBe("755 root:root directory");
    expect((await resolv.read(made.id, made.outs)).props).toMatchObject({ nameservers: ["192.0.2.53"], search: ["lab.internal"] });
    await resolv.delete(made.id, made.outs);
    expect((await sandbox.run(["test", "-e", "/etc/netns/fc1"])).exitCode).toBe(1);
});

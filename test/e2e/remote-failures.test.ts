// SSH beyond the happy path: a sudo login, a host key that does not match, a machine still
// booting, a rotated key, a new address for the same machine, and a machine gone at destroy.
import { cutCable, MGMT } from "../../sandbox/link";
import { PulumiProject } from "../../sandbox/pulumi-project";
import { configureConnection as configure } from "../../sandbox/remote-config";
import { FOREIGN_HOST_KEY, SUDO_USER } from "../../sandbox/ssh-server";
import { configureConnection, useRemoteStack } from "../support/remote-stack";

jest.setTimeout(300_000);

const stack = useRemoteStack("examples/quickstart");

/** Runs `body` with another stack of the quickstart on the same control machine, then removes it. */
async function withQuickstart(name: string, connection: Record<string, string>, body: (project: PulumiProject) => Promise<void>) {
    const project = await PulumiProject.create(stack.control, "examples/quickstart", name);
    try {
        await configure(project, stack.server, connection);
        await body(project);
    } finally {
        await project.dispose();
    }
}

const accepted = async (user: string) => ((await stack.server.log()).match(new RegExp(`Accepted publickey for ${user} `, "g")) ?? []).length;

test("a non-root login with sudo: true builds and destroys through sudo -n", async () => {
    await configureConnection(stack, { user: SUDO_USER, sudo: "true" });
    await stack.project.up();
    expect(await stack.remote.sh("ip", "netns", "list")).toMatch(/^ns1\b/m);
    expect((await stack.remote.snapshot()).links).toContain("br0");
    expect(await accepted(SUDO_USER)).toBeGreaterThan(0);
    expect(await accepted("root")).toBe(0);
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.remote.snapshot()).toEqual(stack.remoteBefore);
});

test("the same login without sudo: the remote's refusal, named, and nothing half-made", async () => {
    await withQuickstart("nosudo", { user: SUDO_USER }, async (project) => {
        const up = await project.pulumi("up", "--yes", "--skip-preview");
        expect(up.exitCode).not.toBe(0);
        expect(up.stdout).toMatch(
            /(Bridge "br0"|Namespace "ns1"): running ".*" on netops@192\.0\.2\.1:22: exit \d+: .*(Operation not permitted|Permission denied)/,
        );
        expect(await stack.remote.snapshot()).toEqual(stack.remoteBefore);
    });
});

test("a host key that does not match is refused before any command runs", async () => {
    await withQuickstart("wrongkey", { hostKey: FOREIGN_HOST_KEY }, async (project) => {
        const before = await accepted("root");
        const up = await project.pulumi("up", "--yes", "--skip-preview");
        expect(up.exitCode).not.toBe(0);
        expect(up.stdout).toMatch(
            /root@192\.0\.2\.1:22: host key refused: the server presented SHA256:\S+, but connection\.hostKey .* is SHA256:\S+; no command was run/,
        );
        expect(await accepted("root")).toBe(before); // never even logged in
        expect(await stack.remote.snapshot()).toEqual(stack.remoteBefore);
    });
});

test("a machine still booting: up retries until sshd answers", async () => {
    await withQuickstart("booting", {}, async (project) => {
        await stack.server.stop();
        const up = project.pulumi("up", "--yes", "--skip-preview");
        await new Promise((r) => setTimeout(r, 4000));
        await stack.server.start();
        expect((await up).exitCode).toBe(0);
        expect(await stack.remote.sh("ip", "netns", "list")).toMatch(/^ns1\b/m);
        await project.ok("destroy", "--yes", "--skip-preview");
        expect(await stack.remote.snapshot()).toEqual(stack.remoteBefore);
    });
});

test("rotating the key: an update that touches no kernel object, and the new key is used from then on", async () => {
    await withQuickstart("rotate", {}, async (project) => {
        await project.up();
        const bridgeIndex = async () => JSON.parse(await stack.remote.sh("ip", "-j", "link", "show", "dev", "br0"))[0].ifindex;
        const before = await bridgeIndex();
        const newKey = await stack.server.rotateClientKey(); // the old key no longer logs in
        await project.ok("config", "set", "--path", "--secret", "connection.privateKey", { input: newKey });
        const preview = await project.ok("preview", "--diff");
        expect(preview.stdout).toMatch(/~ 2 to update/);
        await project.up();
        expect(await project.lastChanges()).toEqual({ update: 2, same: 2 });
        expect(await bridgeIndex()).toBe(before);
        await project.ok("destroy", "--yes", "--skip-preview"); // with the key now in state
        expect(await stack.remote.snapshot()).toEqual(stack.remoteBefore);
    });
});

test("a new host that is the same machine under another address: replaced delete-first, nothing lost", async () => {
    await withQuickstart("readdress", {}, async (project) => {
        try {
            await project.up();
            await stack.remote.sh("ip", "addr", "add", "192.0.2.3/24", "dev", MGMT.link);
            await project.ok("config", "set", "--path", "connection.host", "192.0.2.3");
            await project.up();
            expect(await project.lastChanges()).toEqual({ replace: 2, same: 2 });
            expect(await stack.remote.sh("ip", "netns", "list")).toMatch(/^ns1\b/m);
            expect((await stack.remote.snapshot()).links).toContain("br0");
            await project.ok("destroy", "--yes", "--skip-preview");
            expect(await stack.remote.snapshot()).toEqual(stack.remoteBefore);
        } finally {
            await stack.remote.run(["ip", "addr", "del", "192.0.2.3/24", "dev", MGMT.link]);
        }
    });
});

test("a machine that is gone: destroy stops in bounded time and names the way out", async () => {
    await withQuickstart("gone", { dialErrorLimit: "3", perDialTimeout: "2" }, async (project) => {
        await project.up();
        await cutCable(stack.remote);
        const started = Date.now();
        const destroy = await project.pulumi("destroy", "--yes", "--skip-preview");
        const seconds = (Date.now() - started) / 1000;
        expect(destroy.exitCode).not.toBe(0);
        expect(seconds).toBeLessThan(60);
        expect(destroy.stdout).toContain(`cannot reach root@${MGMT.remoteAddress}:22 after 3 attempts`);
        expect(destroy.stdout).toContain("pulumi state delete --target-dependents '<URN>'");
        // The way out: forget the machine's resources; the stack is then empty and destroyable.
        await project.ok("state", "delete", "--all", "--yes");
        await project.ok("destroy", "--yes", "--skip-preview");
        expect(await project.resourceTypes()).toEqual([]);
    });
});

// Trust on first use against real OpenSSH servers: the machine's own sshd, and an impostor (another
// sandbox, another host key, the same login and password) that takes the machine's or the bastion's
// address later. The impostor must never receive a password, run a command or make anything.
import type { Duplex } from "node:stream";
import type * as pulumi from "@pulumi/pulumi";
import { makeProvider } from "../../provider";
import { hostPool } from "../../provider/host/resolve";
import type { Kind } from "../../provider/resources/registry";
import { Sandbox } from "../../sandbox/sandbox";
import { type SshServer, SUDO_USER, SUDO_USER_PASSWORD, startSshServer } from "../../sandbox/ssh-server";
import { checkAndCreate } from "../support/kernel-provider";

jest.setTimeout(90_000);

let machine: Sandbox;
let elsewhere: Sandbox;
let real: SshServer;
let impostor: SshServer;
beforeAll(async () => {
    [machine, elsewhere] = await Promise.all([Sandbox.start(), Sandbox.start()]);
    [real, impostor] = await Promise.all([startSshServer(machine, "127.0.0.1", 2222), startSshServer(elsewhere, "127.0.0.1", 2222)]);
});
afterAll(async () => {
    await Promise.all([real?.dispose(), impostor?.dispose()]);
    await Promise.all([machine?.stop(), elsewhere?.stop()]);
});

/** Who answers at an address now: the real server, or the impostor once it took the address. */
const answering = new Map<string, SshServer>();
const openSocket = async (e: { host: string }): Promise<Duplex | undefined> => answering.get(e.host)?.pipe();
/** A provider process of its own (its own sessions and what it has learnt), as each `pulumi` run starts. */
const run = (kind: Kind, pool = hostPool(openSocket)) => makeProvider(kind, pool) as Required<pulumi.dynamic.ResourceProvider>;
const keyOnly = (line: string) => line.split(" ").slice(0, 2).join(" ");
/** The impostor's sshd log: any password it was sent (it accepts the same login and password). */
const passwordsToImpostor = async () => (await impostor.log()).match(/(Accepted|Failed) password for/g) ?? [];

const login = { user: SUDO_USER, password: SUDO_USER_PASSWORD, sudo: true };

test("a bastion's key is recorded at create and pinned after: an impostor at its address gets no password at refresh, update, delete or preview", async () => {
    answering.set("bastion.test", real);
    // The target is pinned and reached through the bastion (its sshd listens in the machine's sandbox).
    const connection = { host: "127.0.0.1", port: 2222, privateKey: real.privateKey, hostKey: real.hostKey, proxy: { host: "bastion.test", ...login } };
    const created = await checkAndCreate(run("Namespace"), { name: "behind-bastion", connection });
    expect(created.outs.proxyHostKeySeen).toBe(keyOnly(real.hostKey));
    expect(created.outs.connection).toEqual(connection); // the recorded pin is no input change
    const { id } = created;

    // Another bastion machine (an update): its own key is recorded, the old one's is not applied to it.
    answering.set("bastion-b.test", real);
    const moved = { ...connection, proxy: { ...connection.proxy, host: "bastion-b.test" } };
    const { outs } = await run("Namespace").update(id, created.outs, { name: "behind-bastion", connection: moved, ownerTag: created.outs.ownerTag });
    expect(outs).toMatchObject({ connection: moved, proxyHostKeySeen: keyOnly(real.hostKey) });

    answering.set("bastion-b.test", impostor);
    const refused = /host key refused: the server presented SHA256:\S+, but connection\.proxy\.hostKey .* no command was run/;
    await expect(run("Namespace").read(id, outs)).rejects.toThrow(refused);
    await expect(run("Namespace").update(id, outs, { name: "behind-bastion", connection: moved, ownerTag: outs.ownerTag })).rejects.toThrow(refused);
    await expect(run("Namespace").delete(id, outs)).rejects.toThrow(refused);
    // Preview: a kind that reads the machine at check does not send a bastion password to an unpinned bastion.
    const nat = await run("MasqueradeRule").check({}, { ownerTag: "0123456789ab", sourceCidr: "10.9.0.0/24", connection: moved });
    expect(nat.failures).toEqual([]);
    expect(await passwordsToImpostor()).toEqual([]);
    expect(await machine.sh("ip", "netns", "list")).toMatch(/^behind-bastion\b/m);

    answering.set("bastion-b.test", real);
    await run("Namespace").delete(id, outs);
    expect(await machine.sh("ip", "netns", "list")).not.toMatch(/behind-bastion/);
});

test("trust is per machine: a new resource on a machine whose key the stack recorded is held to that key", async () => {
    answering.set("remote.test", real);
    const connection = { host: "remote.test", ...login };
    const first = await checkAndCreate(run("Namespace"), { name: "known1", connection });
    expect(first.outs.hostKeySeen).toBe(keyOnly(real.hostKey));

    // The next run: an impostor has the address; the engine diffs the existing resource, then creates a new one.
    answering.set("remote.test", impostor);
    const pool = hostPool(openSocket);
    const namespaces = run("Namespace", pool);
    const bridges = run("Bridge", pool);
    const news = { name: "known1", connection, ownerTag: first.outs.ownerTag };
    expect((await namespaces.diff(first.id, first.outs, news)).changes).toBe(false);
    await expect(checkAndCreate(namespaces, { name: "known2", connection })).rejects.toThrow(/host key refused.*no command was run/);
    // Another kind in the same run is held to it too.
    await expect(checkAndCreate(bridges, { name: "br-known", connection })).rejects.toThrow(/host key refused/);
    expect(await passwordsToImpostor()).toEqual([]);
    expect(await elsewhere.sh("ip", "netns", "list")).not.toMatch(/known2/);

    // At the real machine, the same create goes ahead, held to the recorded key.
    answering.set("remote.test", real);
    const second = await checkAndCreate(run("Namespace"), { name: "known2", connection });
    expect(second.outs.hostKeySeen).toBe(keyOnly(real.hostKey));
    for (const r of [first, second]) {
        await run("Namespace").delete(r.id, r.outs);
    }
    expect(await machine.sh("ip", "netns", "list")).not.toMatch(/known/);
});

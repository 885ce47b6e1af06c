// An Overlay over three simulated machines (sandboxes with their own sshd, cabled to one underlay
// switch), driven by one stack from a control sandbox over SSH: namespaces on different machines
// ping and fetch HTTP across machines with full-size frames; each reaches its own machine's wan
// through that machine's NAT; a fourth machine joins without replacing anything while pings run;
// a machine leaves; destroy leaves every machine as found.
import { loadExeca } from "../../provider/host/load-execa";
import { PulumiProject } from "../../sandbox/pulumi-project";
import type { Sandbox, SandboxSnapshot } from "../../sandbox/sandbox";
import { addHost, configureHosts, type SimulatedHost, startControl } from "../../sandbox/underlay";
import { startServer, WORLD } from "../../sandbox/world";

jest.setTimeout(600_000);

let control: Sandbox;
let project: PulumiProject;
const hosts: SimulatedHost[] = [];
const before = new Map<string, SandboxSnapshot>();
const host = (name: string) => hosts.find((h) => h.name === name)!;

beforeAll(async () => {
    control = await startControl();
    for (const [i, name] of ["a", "b", "c"].entries()) {
        hosts.push(await addHost(control, name, i + 1));
    }
    for (const h of hosts) {
        before.set(h.name, await h.sandbox.snapshot());
    }
    project = await PulumiProject.create(control, "examples/overlay");
    await configureHosts(project, hosts);
    for (const [name, ns] of [
        ["a", "n1"],
        ["b", "n2"],
        ["c", "n3"],
    ]) {
        await project.ok("config", "set", "--path", `members.${name}[0]`, ns);
    }
    await project.up();
});
afterAll(async () => {
    await project?.dispose();
    for (const h of hosts) {
        await h.server.dispose();
        await h.sandbox.stop();
    }
    await control?.stop();
});

const addresses = async () => (await project.outputs()).addresses as Record<string, { ipv4: string }>;
const inNs = (h: string, ns: string, ...argv: string[]) => host(h).sandbox.run(["ip", "netns", "exec", ns, ...argv]);

test("members on different machines ping each other, with full-size frames (the MTU is right)", async () => {
    const all = await addresses();
    expect(Object.keys(all).sort()).toEqual(["a.n1", "b.n2", "c.n3", "gw.a", "gw.b", "gw.c"]);
    for (const [from, ns, to] of [
        ["a", "n1", "b.n2"],
        ["a", "n1", "c.n3"],
        ["c", "n3", "b.n2"],
    ]) {
        expect(await inNs(from, ns, "ping", "-c", "1", "-W", "2", all[to].ipv4)).toMatchObject({ exitCode: 0 });
    }
    // 1450 - 28 bytes of IP and ICMP headers: the largest unfragmented ping fits; one byte more does not.
    expect(await inNs("a", "n1", "ping", "-c", "1", "-W", "2", "-M", "do", "-s", "1422", all["b.n2"].ipv4)).toMatchObject({ exitCode: 0 });
    expect((await inNs("a", "n1", "ping", "-c", "1", "-W", "2", "-M", "do", "-s", "1423", all["b.n2"].ipv4)).exitCode).not.toBe(0);
    expect((await host("a").sandbox.sh("ip", "-j", "link", "show", "dev", "vx42")).includes('"mtu":1450')).toBe(true);
});

test("HTTP across machines, and a large response in full", async () => {
    const all = await addresses();
    await startServer(host("b").sandbox, "n2", all["b.n2"].ipv4, 8080, "n2 on b");
    const r = await inNs("a", "n1", "curl", "-sS", "--max-time", "5", `http://${all["b.n2"].ipv4}:8080/`);
    expect(r.stdout).toContain("n2 on b");
    // 64 KiB through the tunnel: every segment full-size.
    const big = await inNs(
        "a",
        "n1",
        "curl",
        "-sS",
        "--max-time",
        "5",
        "-o",
        "/dev/null",
        "-w",
        "%{size_download}",
        `http://${all["b.n2"].ipv4}:8080/bytes/65536`,
    );
    expect(Number(big.stdout)).toBe(65536);
});

test("each member reaches the outside through its own machine's NAT", async () => {
    for (const [h, ns] of [
        ["a", "n1"],
        ["c", "n3"],
    ]) {
        expect(await inNs(h, ns, "ping", "-c", "1", "-W", "2", WORLD.internetAddress)).toMatchObject({ exitCode: 0 });
    }
});

test("a fourth machine joins: the others' tunnels are updated in place, pings between them never stop", async () => {
    hosts.push(await addHost(control, "d", 4));
    before.set("d", await host("d").sandbox.snapshot());
    await configureHosts(project, hosts);
    await project.ok("config", "set", "--path", "members.d[0]", "n4");
    const all = await addresses();
    const { execa } = await loadExeca();
    const argv = [...host("a").sandbox.enterArgv(), "ip", "netns", "exec", "n1", "ping", "-i", "0.2", "-W", "1", all["b.n2"].ipv4];
    const pinger = execa(argv[0], argv.slice(1), { reject: false, stdin: "ignore" });
    await project.up();
    pinger.kill("SIGINT");
    const summary = String((await pinger).stdout);
    expect(summary).toMatch(/ 0% packet loss/);
    const changes = await project.lastChanges();
    expect(changes.replace ?? 0).toBe(0);
    expect(changes.update).toBe(4); // the three tunnels' remotes, and the pool with its new members
    const after = await addresses();
    expect(after["b.n2"]).toEqual(all["b.n2"]);
    expect(await inNs("a", "n1", "ping", "-c", "1", "-W", "2", after["d.n4"].ipv4)).toMatchObject({ exitCode: 0 });
});

test("a machine leaves: its objects go, the others keep working", async () => {
    const leaving = host("c");
    hosts.splice(hosts.indexOf(leaving), 1);
    await project.ok("config", "rm", "--path", "members.c");
    await configureHosts(project, hosts);
    await project.up();
    expect(await leaving.sandbox.snapshot()).toEqual(before.get("c"));
    const all = await addresses();
    expect(await inNs("d", "n4", "ping", "-c", "1", "-W", "2", all["a.n1"].ipv4)).toMatchObject({ exitCode: 0 });
    await leaving.server.dispose();
    await leaving.sandbox.stop();
});

test("destroy leaves every machine as it found it", async () => {
    await project.ok("destroy", "--yes", "--skip-preview");
    for (const h of hosts) {
        expect(await h.sandbox.snapshot()).toEqual(before.get(h.name));
    }
});

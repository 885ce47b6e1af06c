// A reboot, as a real server has one: the seeds' topology and their server as a Service, written as a
// user writes them (nothing asks for persistence), on a machine whose PID 1 is systemd and whose
// disk (the overlay's upper layer, on a tmpfs made here) outlives each boot, while every boot gets
// a fresh network namespace and an empty /run. Four boots: up; back and serving with Node.js hidden
// by a whiteout, so nothing but the machine's own tools did it; back again, no changes to preview
// (plain and after refresh), the plan run twice changing nothing, an entry removed by hand repaired,
// then destroy; and a last boot where nothing comes back.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { loadExeca } from "../../provider/host/load-execa";
import { httpGet, ping } from "../../sandbox/checks";
import { PulumiProject, STATE_DIR } from "../../sandbox/pulumi-project";
import type { SandboxSnapshot } from "../../sandbox/sandbox";
import { SystemdSandbox } from "../../sandbox/systemd-sandbox";
import { buildWorld, WORLD } from "../../sandbox/world";
import { eventually } from "../support/eventually";

jest.setTimeout(600_000);

let disk = "";
let machine: SystemdSandbox;
let project: PulumiProject;
let before: SandboxSnapshot;

const sh = async (...argv: string[]) => (await machine.run(argv)).stdout.trim();
const forwarded = `http://${WORLD.uplinkAddress}:5000/`;
const served = async () => {
    const r = await httpGet(machine, "client", forwarded);
    return r.ok && /Directory listing/.test(r.detail);
};

/** Boots the machine on its disk, as after a power-on; the world outside it is built again. */
async function boot(): Promise<void> {
    machine = await SystemdSandbox.boot(STATE_DIR, { disk, target: "multi-user.target" });
    await buildWorld(machine);
    project = project?.on(machine);
}

async function reboot(between?: () => Promise<void>): Promise<void> {
    await machine.stop();
    await between?.();
    await boot();
}

/** The machine's network as seen from the seeds' checks: ping between namespaces, NAT out, DNAT in. */
async function topologyServes(): Promise<void> {
    await eventually(async () => expect(await served()).toBe(true), 60_000);
    expect((await ping(machine, "ns1", "192.168.1.11")).ok).toBe(true);
    // NAT: ns2 reaches "the internet", which has no route back to 192.168.1.0/24.
    expect((await httpGet(machine, "ns2", `http://${WORLD.internetAddress}:${WORLD.internetPort}/`)).ok).toBe(true);
}

beforeAll(async () => {
    const { execa } = await loadExeca();
    disk = await mkdtemp("/run/pulumi-netns-disk-");
    await execa("mount", ["-t", "tmpfs", "pulumi-netns-disk", disk]);
    await boot();
    before = await machine.snapshot();
    project = await PulumiProject.create(machine, "examples/two-namespaces");
    await project.setConfig({ server: "true" });
});

afterAll(async () => {
    const { execa } = await loadExeca();
    await project?.dispose().catch(() => undefined);
    await machine?.stop();
    if (disk) {
        await execa("umount", [disk], { reject: false });
        await rm(disk, { recursive: true, force: true });
    }
});

test("boot 1: up writes the boot plan and enables its unit and the Service's", async () => {
    await project.up();
    expect(await served()).toBe(true);
    expect(await sh("systemctl", "is-enabled", "pulumi-netns-boot.service", "netns-web.service")).toBe("enabled\nenabled");
    // One entry per resource that makes kernel objects: 2 namespaces, a bridge, 2 veths, 2 routes, forwarding, NAT, the forward.
    expect((await sh("ls", "/etc/pulumi-netns/boot/entries")).split("\n")).toHaveLength(10);
    expect(await sh("stat", "-c", "%a", "/etc/pulumi-netns/services", "/etc/pulumi-netns/services/netns-web.service.env")).toBe("700\n600");
});

test("boot 2, Node.js hidden: everything is back and serving with nobody running pulumi", async () => {
    await reboot(async () => {
        await mkdir(join(disk, "up", "usr", "bin"), { recursive: true });
        const { execa } = await loadExeca();
        await execa("mknod", [join(disk, "up", "usr", "bin", "node"), "c", "0", "0"]);
    });
    expect((await machine.run(["test", "-e", "/usr/bin/node"])).exitCode).not.toBe(0);
    await topologyServes();
    expect(await sh("systemctl", "is-active", "pulumi-netns-boot.service", "netns-web.service")).toBe("active\nactive");
    expect(await sh("ip", "netns", "identify", await sh("systemctl", "show", "netns-web.service", "--property=MainPID", "--value"))).toBe("ns1");
    // Forwarding is owned again, with the value found before the first owner.
    expect(await sh("sh", "-c", "ls /run/pulumi-netns/switches/*/net.ipv4.ip_forward/")).toMatch(/^owner\.[0-9a-f]{12}\nprevious\.0$/);
    expect(await sh("journalctl", "-u", "pulumi-netns-boot.service", "-o", "cat", "--no-pager")).toMatch(/0 could not be done/);
});

test("boot 3: no changes to preview, plain and after refresh; the plan run again changes nothing; a removed entry is drift that up repairs", async () => {
    await reboot(() => rm(join(disk, "up", "usr", "bin", "node")));
    await topologyServes();
    await project.ok("preview", "--expect-no-changes");
    await project.ok("preview", "--refresh", "--expect-no-changes");

    const now = await machine.snapshot();
    await sh("systemctl", "restart", "pulumi-netns-boot.service");
    expect(await sh("systemctl", "is-active", "pulumi-netns-boot.service")).toBe("active");
    expect(await machine.snapshot()).toEqual(now);

    const [entry] = (await sh("ls", "/etc/pulumi-netns/boot/entries")).split("\n");
    await sh("rm", `/etc/pulumi-netns/boot/entries/${entry}`);
    await project.up("--refresh");
    expect(await project.lastChanges()).toMatchObject({ update: 1 });
    expect((await machine.run(["test", "-s", `/etc/pulumi-netns/boot/entries/${entry}`])).exitCode).toBe(0);

    await project.ok("destroy", "--yes", "--skip-preview");
    expect(await sh("ls", "-A", "/etc/pulumi-netns")).toBe("");
    expect(await machine.snapshot()).toEqual(before);
});

test("boot 4, after destroy: nothing comes back", async () => {
    await reboot();
    expect(await machine.snapshot()).toEqual(before);
    expect(await sh("systemctl", "list-unit-files", "--no-legend", "pulumi-netns-*", "netns-*")).toBe("");
    expect((await machine.run(["test", "-e", "/etc/pulumi-netns"])).exitCode).not.toBe(0);
});

// The guard rails end to end: a sandbox whose uplink (198.51.100.1/24, the default route), hand-made
// bridge, listener standing in for sshd, Docker-like DNAT rule and another stack's forward are real.
// Each program a newcomer might write is refused by `pulumi preview`, naming both sides, and nothing
// is created; the opt-ins let it through; the lab subnets still work and re-running up never trips
// on the stack's own objects.
import { loadExeca } from "../../provider/host/load-execa";
import { PulumiProject } from "../../sandbox/pulumi-project";
import type { Sandbox } from "../../sandbox/sandbox";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(300_000);

async function listen(sandbox: Sandbox, port: number): Promise<void> {
    const { execa } = await loadExeca();
    const code = `import socket,time; s=socket.socket(); s.bind(('0.0.0.0', ${port})); s.listen(); time.sleep(3600)`;
    const argv = [...sandbox.enterArgv(), "python3", "-c", code];
    sandbox.track(execa(argv[0], argv.slice(1), { stdin: "ignore", stdout: "ignore", stderr: "ignore", reject: false }));
    for (let i = 0; i < 100 && !(await sandbox.sh("ss", "-Hltn", `sport = :${port}`)).trim(); i++) {
        await new Promise((r) => setTimeout(r, 100));
    }
}

const stack = useSandboxedStack("test/programs/guard-rails", {
    world: true,
    prepare: async (sandbox) => {
        // Docker's bridge and one of its published ports, as Docker makes them.
        await sandbox.sh("ip", "link", "add", "docker0", "type", "bridge");
        await sandbox.sh("ip", "addr", "add", "172.17.0.1/16", "dev", "docker0");
        await sandbox.sh("iptables", "-w", "-t", "nat", "-N", "DOCKER");
        await sandbox.sh("iptables", "-w", "-t", "nat", "-A", "PREROUTING", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "DOCKER");
        await sandbox.sh(
            "iptables",
            ...["-w", "-t", "nat", "-A", "DOCKER", "!", "-i", "docker0", "-p", "tcp", "-m", "tcp", "--dport", "8080"],
            ...["-j", "DNAT", "--to-destination", "172.17.0.2:80"],
        );
        await listen(sandbox, 2222);
    },
});

async function refused(config: Record<string, string>, message: RegExp): Promise<void> {
    await stack.project.setConfig({ allow: "false", port: "8081", ...config });
    const before = await stack.sandbox.snapshot();
    const preview = await stack.project.pulumi("preview");
    expect(preview.exitCode).not.toBe(0);
    expect(preview.stdout + preview.stderr).toMatch(message);
    expect(await stack.sandbox.snapshot()).toEqual(before);
}

test("the README's Network on the uplink's subnet: refused at preview, naming both networks and the way out", async () => {
    await refused(
        { case: "network-on-uplink" },
        /Bridge resource 'lab': property addresses value .* has a problem: 198\.51\.100\.1\/24: 198\.51\.100\.0\/24 overlaps 198\.51\.100\.0\/24 on uplink0 \(the machine's default route\) on this machine: .*set allowOverlap: true/,
    );
    await refused({ case: "network-on-uplink", subnet: "172.17.3.0/24" }, /172\.17\.3\.0\/24 overlaps 172\.17\.0\.0\/16 on docker0 on this machine/);
});

test("an Overlay's subnet on the uplink's network: refused at preview by the component itself (its gateways are not known yet)", async () => {
    await refused(
        { case: "overlay-on-uplink" },
        /Overlay "ov": subnet on host "here": 198\.51\.100\.0\/24 overlaps 198\.51\.100\.0\/24 on uplink0 \(the machine's default route\) on this machine/,
    );
});

test("a VethPair address on the uplink's network and a host Route over it: refused at preview", async () => {
    await refused(
        { case: "veth-on-uplink" },
        /VethPair resource 'ns1-link': property addresses value .* 198\.51\.100\.7\/24: 198\.51\.100\.0\/24 overlaps 198\.51\.100\.0\/24 on uplink0/,
    );
    await refused(
        { case: "route-over-uplink" },
        /Route resource 'r': property destination value .* 198\.51\.100\.0\/25 overlaps 198\.51\.100\.0\/24 on uplink0/,
    );
});

test("with the opt-ins, the same programs pass preview", async () => {
    for (const c of ["network-on-uplink", "overlay-on-uplink", "veth-on-uplink", "route-over-uplink"]) {
        await stack.project.setConfig({ case: c, allow: "true" });
        expect((await stack.project.pulumi("preview")).exitCode).toBe(0);
    }
    await stack.project.setConfig({ case: "forward", port: "2222", allow: "true" });
    expect((await stack.project.pulumi("preview")).exitCode).toBe(0);
});

test("a forward of a port a process listens on: refused, naming the process and its address", async () => {
    await refused(
        { case: "forward", port: "2222" },
        /PortForward resource 'fwd': property hostPort value .* tcp port 2222 is in use on this machine: "python3" listening on tcp 0\.0\.0\.0:2222; .*allowPortInUse: true/,
    );
});

test("a forward of a port Docker's rule holds: refused, naming the rule", async () => {
    await refused(
        { case: "forward", port: "8080" },
        /tcp port 8080 is already forwarded on this machine by the rule `-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172\.17\.0\.2:80`/,
    );
});

test("a port another stack forwards: refused at preview in seconds, and up makes nothing either", async () => {
    const other = await PulumiProject.create(stack.sandbox, "test/programs/guard-rails", "other");
    try {
        await other.setConfig({ case: "forward", port: "8081" });
        await other.up();
        const tag = /pulumi-netns:[0-9a-f]{12}/.exec(await stack.sandbox.sh("iptables-save", "-t", "nat"))![0];
        const started = Date.now();
        await refused(
            { case: "forward", port: "8081" },
            new RegExp(`tcp port 8081 is already forwarded on this machine by a PortForward of another stack or resource \\(${tag}: `),
        );
        expect(Date.now() - started).toBeLessThan(20_000);
        const before = await stack.sandbox.snapshot();
        const up = await stack.project.pulumi("up", "--yes", "--skip-preview");
        expect(up.exitCode).not.toBe(0);
        expect(await stack.sandbox.snapshot()).toEqual(before);
        await other.ok("destroy", "--yes", "--skip-preview");
    } finally {
        await other.dispose();
    }
});

test("the lab subnets still work: up, a second up finds nothing to change, destroy leaves the sandbox as it was", async () => {
    await stack.project.setConfig({ case: "lab", allow: "false" });
    await stack.project.up();
    await stack.project.up();
    expect(Object.keys(await stack.project.lastChanges())).toEqual(["same"]);
    expect((await stack.project.pulumi("preview", "--expect-no-changes")).exitCode).toBe(0);
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});

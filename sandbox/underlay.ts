// Several simulated machines on one underlay network: each "host" is a sandbox with its own sshd
// and outside world, cabled to an underlay switch (a bridge in the control sandbox, where Pulumi
// runs and reaches every host over SSH). TEST-NET-style private addresses, never routed anywhere.
import type { PulumiProject } from "./pulumi-project";
import { Sandbox } from "./sandbox";
import { type SshServer, startSshServer } from "./ssh-server";
import { buildWorld } from "./world";

export const UNDERLAY = { switchAddress: "10.77.0.1", prefix: 24, bridge: "ul" } as const;

export interface SimulatedHost {
    name: string;
    sandbox: Sandbox;
    server: SshServer;
    /** Its address on the underlay, where the control machine and the other hosts reach it. */
    underlayAddress: string;
}

/** The control machine with the underlay switch; hosts are added with `addHost`. */
export async function startControl(): Promise<Sandbox> {
    const control = await Sandbox.start();
    await control.sh("ip", "link", "add", UNDERLAY.bridge, "type", "bridge");
    await control.sh("ip", "addr", "add", `${UNDERLAY.switchAddress}/${UNDERLAY.prefix}`, "dev", UNDERLAY.bridge);
    await control.sh("ip", "link", "set", UNDERLAY.bridge, "up");
    return control;
}

/** A new machine cabled to the switch as 10.77.0.<n + 1>, with its world (uplink, wan) and an sshd. */
export async function addHost(control: Sandbox, name: string, n: number): Promise<SimulatedHost> {
    const sandbox = await Sandbox.start();
    await buildWorld(sandbox);
    const underlayAddress = `10.77.0.${n + 1}`;
    const port = `ul-${name}`;
    await control.sh("ip", "link", "add", port, "type", "veth", "peer", "name", "ul0", "netns", String(sandbox.pid));
    await control.sh("ip", "link", "set", port, "master", UNDERLAY.bridge, "up");
    await sandbox.sh("ip", "addr", "add", `${underlayAddress}/${UNDERLAY.prefix}`, "dev", "ul0");
    await sandbox.sh("ip", "link", "set", "ul0", "up");
    const server = await startSshServer(sandbox, underlayAddress);
    return { name, sandbox, server, underlayAddress };
}

/** Config of the overlay program for these hosts: names, underlay addresses, and pinned connections (keys as secrets, through stdin). */
export async function configureHosts(project: PulumiProject, hosts: SimulatedHost[]): Promise<void> {
    await project.ok("config", "rm", "hosts").catch(() => undefined);
    for (const [i, h] of hosts.entries()) {
        await project.ok("config", "set", "--path", `hosts[${i}]`, h.name);
        await project.ok("config", "set", "--path", `underlay.${h.name}`, h.underlayAddress);
        await project.ok("config", "set", "--path", "--secret", `connections.${h.name}.host`, h.underlayAddress);
        await project.ok("config", "set", "--path", "--secret", `connections.${h.name}.hostKey`, h.server.hostKey);
        await project.ok("config", "set", "--path", "--secret", `connections.${h.name}.privateKey`, { input: h.server.privateKey });
    }
}

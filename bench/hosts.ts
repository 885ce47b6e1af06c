// One stack over 1, 4, 8... simulated machines (sandboxes with their own sshd on one underlay
// switch), the seed topology on each: how `up` and `destroy` scale with the machines one stack drives.
import { PulumiProject } from "../sandbox/pulumi-project";
import type { Sandbox } from "../sandbox/sandbox";
import { addHost, configureHosts, type SimulatedHost, startControl } from "../sandbox/underlay";
import { useFloor } from "./floor-shim";
import { measure } from "./measure";

export interface HostsRow {
    hosts: number;
    resources: number;
    up: number;
    destroy: number;
    /** The same program and machines on resources that do nothing (the engine floor). */
    floorUp: number;
    floorDestroy: number;
}

export async function hostsRound(count: number): Promise<HostsRow> {
    const control: Sandbox = await startControl();
    const hosts: SimulatedHost[] = [];
    try {
        for (let i = 0; i < count; i++) {
            hosts.push(await addHost(control, `h${i}`, i + 1));
        }
        const floor = await upAndDestroy(control, hosts, true);
        const netns = await upAndDestroy(control, hosts, false);
        return { hosts: count, resources: 10 * count + 1, ...netns, floorUp: floor.up, floorDestroy: floor.destroy };
    } finally {
        for (const h of hosts) {
            await h.server.dispose();
            await h.sandbox.stop();
        }
        await control.stop();
    }
}

async function upAndDestroy(control: Sandbox, hosts: SimulatedHost[], floor: boolean): Promise<{ up: number; destroy: number }> {
    const project = await PulumiProject.create(control, "bench/programs/hosts", "bench");
    try {
        if (floor) {
            await useFloor(project.dir);
        }
        await configureHosts(project, hosts);
        const up = await measure(() => project.up());
        const destroy = await measure(() => project.ok("destroy", "--yes", "--skip-preview"));
        return { up: up.seconds, destroy: destroy.seconds };
    } finally {
        await project.dispose();
    }
}

// A cable between two sandboxes: the network between "the control machine" running Pulumi and
// "the remote machine" it configures over SSH. TEST-NET-1 addresses, never routed anywhere.
import type { Sandbox } from "./sandbox";

export const MGMT = { remoteAddress: "192.0.2.1", controlAddress: "192.0.2.2", link: "mgmt0" } as const;

export async function cableSandboxes(remote: Sandbox, control: Sandbox): Promise<void> {
    // Made from the control side: a remote whose PID 1 is systemd has a pid namespace of its own,
    // where the control sandbox's pid means nothing.
    await control.sh("ip", "link", "add", MGMT.link, "type", "veth", "peer", "name", MGMT.link, "netns", String(remote.pid));
    for (const [sandbox, address] of [
        [remote, MGMT.remoteAddress],
        [control, MGMT.controlAddress],
    ] as const) {
        await sandbox.sh("ip", "addr", "add", `${address}/24`, "dev", MGMT.link);
        await sandbox.sh("ip", "link", "set", MGMT.link, "up");
    }
}

/** Pulls the cable: the remote machine is gone as far as the control machine can tell. */
export async function cutCable(remote: Sandbox): Promise<void> {
    await remote.sh("ip", "link", "del", MGMT.link);
}

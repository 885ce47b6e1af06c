// The guard rails over SSH: a remote machine (a sandbox with a real sshd on its management network
// and an uplink with the default route) is read at preview through the connection. A forward of
// its SSH port, or a subnet on the network that carries the session, is refused before anything
// reaches it.
import { MGMT } from "../../sandbox/link";
import { configureConnection, useRemoteStack } from "../support/remote-stack";

jest.setTimeout(300_000);

const stack = useRemoteStack("test/programs/guard-rails", (stack) => configureConnection(stack));

async function refused(config: Record<string, string>, message: RegExp): Promise<void> {
    await stack.project.setConfig(config);
    const preview = await stack.project.pulumi("preview");
    expect(preview.exitCode).not.toBe(0);
    expect(preview.stdout + preview.stderr).toMatch(message);
    expect(await stack.remote.snapshot()).toEqual(stack.remoteBefore);
    expect(await stack.control.snapshot()).toEqual(stack.controlBefore);
}

const machine = `root@${MGMT.remoteAddress}:22`.replace(/\./g, "\\.");

test("a forward of the connection's SSH port is refused at preview, naming the way in", async () => {
    await refused(
        { case: "forward", port: "22" },
        new RegExp(`PortForward resource 'fwd': property hostPort value .* tcp port 22 is the SSH port this resource reaches ${machine} by`),
    );
});

test("a subnet on the network that carries the SSH session, or on the uplink, is refused at preview, read over SSH", async () => {
    await refused(
        { case: "network-on-uplink", subnet: "192.0.2.0/24" },
        new RegExp(`192\\.0\\.2\\.1/24: 192\\.0\\.2\\.0/24 overlaps 192\\.0\\.2\\.0/24 on ${MGMT.link} on ${machine}`),
    );
    await refused(
        { case: "network-on-uplink", subnet: "198.51.100.0/24" },
        new RegExp(`198\\.51\\.100\\.0/24 overlaps 198\\.51\\.100\\.0/24 on uplink0 \\(the machine's default route\\) on ${machine}`),
    );
});

test("a free subnet passes preview over SSH", async () => {
    await stack.project.setConfig({ case: "network-on-uplink", subnet: "10.77.0.0/24" });
    expect((await stack.project.pulumi("preview")).exitCode).toBe(0);
});

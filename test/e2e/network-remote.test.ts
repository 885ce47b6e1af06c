// examples/network applied over SSH to a remote machine (a sandbox with its own sshd): the whole
// subnet there, DNS written on that machine, every seed check passing there, a clean destroy, and
// the control machine (where pulumi runs) gaining nothing.
import { failedChecks, NETWORK_LAYOUTS, seedChecks, settleIpv6 } from "../../sandbox/seed-checks";
import { startServer, WORLD } from "../../sandbox/world";
import { configureConnection, useRemoteStack } from "../support/remote-stack";

jest.setTimeout(300_000);

const stack = useRemoteStack("examples/network", async (stack) => {
    await configureConnection(stack);
    await stack.project.setConfig({ hostAddress6: WORLD.uplinkAddress6 });
    await stack.project.ok("config", "set", "--path", "dns[0]", "198.51.100.53");
    await stack.project.up();
    await settleIpv6(stack.remote, ["ns1", "ns2"]);
    await startServer(stack.remote, "ns1", "192.168.1.2", 5000, "ns1");
    await startServer(stack.remote, "ns1", "fd00:1::2", 5000, "ns1");
});

test.each(NETWORK_LAYOUTS)("%s: every check of the seeds passes on the remote machine", async (_, layout) => {
    expect(failedChecks(await seedChecks(stack.remote, layout))).toEqual([]);
});

test("the members' resolver lives on the remote machine; the control machine gained nothing", async () => {
    expect(await stack.remote.sh("ip", "netns", "exec", "ns2", "cat", "/etc/resolv.conf")).toMatch(/^nameserver 198\.51\.100\.53$/m);
    expect(await stack.control.snapshot()).toEqual(stack.controlBefore);
});

test("destroy leaves the remote machine exactly as before", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.remote.snapshot()).toEqual(stack.remoteBefore);
    expect(await stack.control.snapshot()).toEqual(stack.controlBefore);
});

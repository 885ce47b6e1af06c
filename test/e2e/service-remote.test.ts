// The seeds' program with its server as a Service, over SSH on a remote machine whose PID 1 is
// systemd: reached from a client there through the port forward, restarted when killed, repaired by
// `up --refresh` when stopped by hand, destroyed with nothing left; the boot plan written there over
// SSH; the control machine gains nothing.
import { httpGet } from "../../sandbox/checks";
import { WORLD } from "../../sandbox/world";
import { eventually } from "../support/eventually";
import { configureConnection, useRemoteStack } from "../support/remote-stack";

jest.setTimeout(300_000);

const stack = useRemoteStack(
    "examples/two-namespaces",
    async (stack) => {
        await configureConnection(stack);
        await stack.project.setConfig({ hostAddress: WORLD.uplinkAddress, server: "true" });
    },
    { systemd: true },
);

const unit = "netns-web.service";
const show = async (property: string) => (await stack.remote.sh("systemctl", "show", unit, `--property=${property}`, "--value")).trim();
const served = async () => {
    const r = await httpGet(stack.remote, "client", `http://${WORLD.uplinkAddress}:5000/`);
    return r.ok && /Directory listing/.test(r.detail);
};

test("up over SSH starts the server in ns1 of the remote machine; a client there reaches it at once", async () => {
    await stack.project.up();
    expect(await served()).toBe(true);
    expect(await show("ActiveState")).toBe("active");
    expect((await stack.remote.sh("ip", "netns", "identify", await show("MainPID"))).trim()).toBe("ns1");
    expect(await stack.control.snapshot()).toEqual(stack.controlBefore);
});

test("the boot plan is written over SSH: one entry per resource, its unit enabled; run there again, it changes nothing", async () => {
    expect((await stack.remote.sh("ls", "/etc/pulumi-netns/boot/entries")).trim().split("\n")).toHaveLength(10);
    expect((await stack.remote.sh("systemctl", "is-enabled", "pulumi-netns-boot.service", unit)).trim()).toBe("enabled\nenabled");
    const now = await stack.remote.snapshot();
    await stack.remote.sh("systemctl", "restart", "pulumi-netns-boot.service");
    expect((await stack.remote.sh("systemctl", "is-active", "pulumi-netns-boot.service")).trim()).toBe("active");
    expect(await stack.remote.snapshot()).toEqual(now);
    expect(await stack.control.snapshot()).toEqual(stack.controlBefore);
});

test("killed, it is restarted; stopped by hand, up --refresh starts it again", async () => {
    const before = await show("MainPID");
    await stack.remote.sh("kill", "-9", before);
    await eventually(async () => expect(await served()).toBe(true));
    expect(await show("MainPID")).not.toBe(before);

    await stack.remote.sh("systemctl", "stop", unit);
    await stack.project.up("--refresh");
    expect(await stack.project.lastChanges()).toMatchObject({ update: 1 });
    expect(await served()).toBe(true);
});

test("destroy over SSH: no unit, no process, no file on the remote machine", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await show("LoadState")).toBe("not-found");
    expect((await stack.remote.run(["test", "-e", "/etc/pulumi-netns"])).exitCode).not.toBe(0);
    expect((await stack.remote.run(["test", "-e", "/etc/systemd/system/pulumi-netns-boot.service"])).exitCode).not.toBe(0);
    expect(await stack.remote.snapshot()).toEqual(stack.remoteBefore);
    expect(await stack.control.snapshot()).toEqual(stack.controlBefore);
});

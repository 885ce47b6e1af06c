// The seeds' program to its last step: the server in ns1 as a Service (`server: true`), on a machine
// whose PID 1 is systemd, reached from a client outside through the port forward; killed and
// restarted by systemd; stopped by hand and repaired by `up --refresh`; destroyed with nothing left.
import { httpGet } from "../../sandbox/checks";
import { WORLD } from "../../sandbox/world";
import { eventually } from "../support/eventually";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(300_000);

const stack = useSandboxedStack("examples/two-namespaces", {
    world: true,
    systemd: true,
    ready: async (stack) => {
        await stack.project.setConfig({ server: "true" });
    },
});

const forwarded = `http://${WORLD.uplinkAddress}:5000/`;
const unit = "netns-web.service";
const show = async (property: string) => (await stack.sandbox.sh("systemctl", "show", unit, `--property=${property}`, "--value")).trim();
/** The seeds' server answers with a directory listing. */
const served = async () => {
    const r = await httpGet(stack.sandbox, "client", forwarded);
    return r.ok && /Directory listing/.test(r.detail);
};

test("up returns once the server listens: an outside client reaches it through the port forward at once", async () => {
    await stack.project.up();
    expect(await served()).toBe(true);
    expect((await stack.project.outputs()).server).toBe(unit);
    expect(await show("ActiveState")).toBe("active");
    // It runs in ns1, as a user of its own.
    const pid = await show("MainPID");
    expect((await stack.sandbox.sh("ip", "netns", "identify", pid)).trim()).toBe("ns1");
    expect((await stack.sandbox.sh("ps", "-o", "user=", "-p", pid)).trim()).toBe("netns-web");
});

test("killed, it is restarted by systemd and serves again", async () => {
    const before = await show("MainPID");
    await stack.sandbox.sh("kill", "-9", before);
    await eventually(async () => expect(await served()).toBe(true));
    expect(await show("MainPID")).not.toBe(before);
    expect(Number(await show("NRestarts"))).toBeGreaterThanOrEqual(1);
});

test("stopped by hand: refresh sees it, up --refresh starts it again, and a second up changes nothing", async () => {
    await stack.sandbox.sh("systemctl", "stop", unit);
    expect(await served()).toBe(false);
    await stack.project.up("--refresh");
    expect(await stack.project.lastChanges()).toMatchObject({ update: 1 });
    expect(await show("ActiveState")).toBe("active");
    expect(await served()).toBe(true);
    await stack.project.up();
    expect(await stack.project.lastChanges()).toEqual({ same: 13 });
});

test("destroy: no unit, no process, no file; the sandbox exactly as before", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await show("LoadState")).toBe("not-found");
    expect((await stack.sandbox.run(["test", "-e", "/etc/pulumi-netns/services"])).exitCode).not.toBe(0);
    expect((await stack.sandbox.run(["test", "-e", `/etc/systemd/system/${unit}`])).exitCode).not.toBe(0);
    expect(await stack.sandbox.sh("systemctl", "list-units", "--all", "--plain", "--no-legend", "netns-*")).toBe("");
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});

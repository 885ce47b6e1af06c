// Route CRUD against the real kernel, inside a private sandbox.
import { parseRoutes } from "../../provider/linux/ip-json";
import { Sandbox } from "../../sandbox/sandbox";
import { checkAndCreate, providerIn } from "../support/kernel-provider";

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await Sandbox.start();
    await sandbox.sh("ip", "netns", "add", "rns");
    await sandbox.sh("ip", "-n", "rns", "link", "add", "r0", "type", "veth", "peer", "name", "r1");
    await sandbox.sh("ip", "-n", "rns", "link", "set", "r0", "up");
    await sandbox.sh("ip", "-n", "rns", "addr", "add", "192.168.1.10/24", "dev", "r0");
});
afterAll(() => sandbox?.stop());

const defaults = async () => parseRoutes(await sandbox.sh("ip", "-n", "rns", "-j", "route", "show", "default"));

test("a default route in a namespace: create, read, delete twice", async () => {
    const route = providerIn("Route", sandbox.host);
    const { id, outs } = await checkAndCreate(route, { namespace: "rns", destination: "default", via: "192.168.1.1" });
    expect(await defaults()).toEqual([expect.objectContaining({ destination: "default", via: "192.168.1.1", protocol: "245" })]);
    expect((await route.read(id, outs)).id).toBe(id);
    await route.delete(id, outs);
    expect(await defaults()).toEqual([]);
    expect((await route.read(id, outs)).id).toBeUndefined();
    await route.delete(id, outs);
});

test("a route that someone else added is refused and never deleted", async () => {
    await sandbox.sh("ip", "-n", "rns", "route", "add", "10.20.0.0/16", "via", "192.168.1.1");
    const route = providerIn("Route", sandbox.host);
    const inputs = { namespace: "rns", destination: "10.20.0.0/16", via: "192.168.1.1" };
    await expect(checkAndCreate(route, inputs)).rejects.toThrow(/Route "10.20.0.0\/16 in rns": a route .* already exists/);
    await route.delete("x", inputs); // a stale state pointing at it
    expect(await sandbox.sh("ip", "-n", "rns", "route", "show", "10.20.0.0/16")).toMatch(/via 192.168.1.1/);
});

test("a route in a namespace that is gone deletes as a success", async () => {
    const route = providerIn("Route", sandbox.host);
    await route.delete("x", { namespace: "nosuchns", destination: "default", via: "192.168.1.1" });
});

test("read and delete act on exactly the route made: another stack's route to the same destination is never claimed", async () => {
    const route = providerIn("Route", sandbox.host);
    const { id, outs } = await checkAndCreate(route, { namespace: "rns", destination: "10.30.0.0/16", via: "192.168.1.1" });
    expect(outs.installed).toEqual({ metric: 0, device: "r0", via: "192.168.1.1" });
    // Ours is removed out of band; another stack (same protocol 245) has the destination with metric 100.
    await sandbox.sh("ip", "-n", "rns", "route", "del", "10.30.0.0/16", "via", "192.168.1.1");
    await sandbox.sh("ip", "-n", "rns", "route", "add", "10.30.0.0/16", "via", "192.168.1.2", "metric", "100", "proto", "245");
    expect((await route.read(id, outs)).id).toBeUndefined();
    await route.delete(id, outs);
    expect(await sandbox.sh("ip", "-n", "rns", "route", "show", "10.30.0.0/16")).toMatch(/via 192.168.1.2 dev r0 proto 245 metric 100/);
    await sandbox.sh("ip", "-n", "rns", "route", "del", "10.30.0.0/16", "metric", "100");
});

test("an IPv6 default route records the kernel's metric and is deleted by it", async () => {
    await sandbox.sh("ip", "-n", "rns", "addr", "add", "fd00:1::10/64", "dev", "r0", "nodad");
    const route = providerIn("Route", sandbox.host);
    const { id, outs } = await checkAndCreate(route, { namespace: "rns", destination: "default", via: "fd00:1::1" });
    expect(outs.installed).toEqual({ metric: 1024, device: "r0", via: "fd00:1::1" });
    expect((await route.read(id, outs)).id).toBe(id);
    await route.delete(id, outs);
    expect((await sandbox.sh("ip", "-n", "rns", "-6", "route", "show", "default")).trim()).toBe("");
});

// Route CRUD against the real kernel, inside a private sandbox.
import { parseRoutes } from "../../provider/linux/ip-json";
import { checkAndCreate, providerIn } from "../support/kernel-provider";
import { Sandbox } from "../../sandbox/sandbox";

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

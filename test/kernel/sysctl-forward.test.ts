// SysctlForward against the real kernel: the sandbox's own net.ipv4.ip_forward.

import { SwitchOwners } from "../../provider/linux/switch-owners";
import { Sandbox } from "../../sandbox/sandbox";
import { checkAndCreate, providerIn } from "../support/kernel-provider";

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await Sandbox.start();
});
afterAll(() => sandbox?.stop());

const forwarding = async () => (await sandbox.sh("sysctl", "-n", "net.ipv4.ip_forward")).trim();

test("turns forwarding on, remembers the old value, restores it on delete", async () => {
    await sandbox.sh("sysctl", "-w", "net.ipv4.ip_forward=0");
    const fwd = providerIn("SysctlForward", sandbox.host);
    const { id, outs } = await checkAndCreate(fwd, { ipv4: true, ipv6: false });
    expect(outs.previousIpv4).toBe(0);
    expect(await forwarding()).toBe("1");

    await sandbox.sh("sysctl", "-w", "net.ipv4.ip_forward=0"); // drift
    expect((await fwd.read(id, outs)).props?.ipv4).toBe(false);
    const { outs: repaired } = await fwd.update(id, { ...outs, ipv4: false }, { ownerTag: outs.ownerTag, ipv4: true, ipv6: false });
    expect(repaired.previousIpv4).toBe(0); // the original value, not the drifted one
    expect(await forwarding()).toBe("1");

    await fwd.delete(id, repaired);
    expect(await forwarding()).toBe("0");
});

test("already on: nothing written, and delete leaves it on", async () => {
    await sandbox.sh("sysctl", "-w", "net.ipv4.ip_forward=1");
    const fwd = providerIn("SysctlForward", sandbox.host);
    const { id, outs } = await checkAndCreate(fwd, { ipv4: true });
    expect(outs.previousIpv4).toBe(1);
    await fwd.delete(id, outs);
    expect(await forwarding()).toBe("1");
});

test("a value changed by someone else after us is not overwritten on delete", async () => {
    await sandbox.sh("sysctl", "-w", "net.ipv4.ip_forward=0");
    const fwd = providerIn("SysctlForward", sandbox.host);
    const { id, outs } = await checkAndCreate(fwd, { ipv4: true });
    await sandbox.sh("sysctl", "-w", "net.ipv4.ip_forward=0"); // someone turned it off again: theirs now
    await fwd.delete(id, outs);
    expect(await forwarding()).toBe("0");
});

test("several stacks: forwarding stays on while any owner wants it; the last one restores the value found before the first", async () => {
    await sandbox.sh("sysctl", "-w", "net.ipv4.ip_forward=0");
    const fwd = providerIn("SysctlForward", sandbox.host);
    const a = await checkAndCreate(fwd, { ipv4: true, ipv6: false }); // stack A finds 0
    const b = await checkAndCreate(fwd, { ipv4: true, ipv6: false }); // stack B finds 1 (A's)
    expect(a.outs.previousIpv4).toBe(0);
    expect(b.outs.previousIpv4).toBe(0); // the value before the first owner, not A's 1
    const dir = `/run/pulumi-netns/switches/${(await new SwitchOwners(sandbox.host).list()).self}/net.ipv4.ip_forward`;
    expect((await sandbox.sh("ls", dir)).split("\n").filter(Boolean).sort()).toEqual(
        [`owner.${a.outs.ownerTag}`, `owner.${b.outs.ownerTag}`, "previous.0"].sort(),
    );

    await fwd.delete(a.id, a.outs);
    expect(await forwarding()).toBe("1"); // B still wants it
    await fwd.delete(b.id, b.outs);
    expect(await forwarding()).toBe("0");
    expect((await sandbox.run(["ls", dir])).exitCode).not.toBe(0);
});

test("the owner records are the sandbox's own: the machine's /run/pulumi-netns holds none of them", async () => {
    const fwd = providerIn("SysctlForward", sandbox.host);
    const { id, outs } = await checkAndCreate(fwd, { ipv4: true, ipv6: false });
    const { readdirSync, existsSync } = await import("node:fs");
    const machine = existsSync("/run/pulumi-netns/switches") ? readdirSync("/run/pulumi-netns/switches", { recursive: true }).map(String) : [];
    expect(machine.filter((f) => f.includes(`owner.${outs.ownerTag}`))).toEqual([]);
    await fwd.delete(id, outs);
});

test("an update of an owner (credentials, drift) keeps the value recorded before it", async () => {
    await sandbox.sh("sysctl", "-w", "net.ipv4.ip_forward=0");
    const fwd = providerIn("SysctlForward", sandbox.host);
    const { id, outs } = await checkAndCreate(fwd, { ipv4: true, ipv6: false });
    const { outs: updated } = await fwd.update(id, outs, { ownerTag: outs.ownerTag, ipv4: true, ipv6: false }); // forwarding is 1 now
    expect(updated.previousIpv4).toBe(0);
    await fwd.delete(id, updated);
    expect(await forwarding()).toBe("0");
});

// The outside world of a sandbox: an "outside" segment (a bridge in its own namespace) joining the
// sandbox host's uplink, a `wan` namespace that stands in for the internet, and an external
// `client`. Documentation ranges only, and only ever inside the sandbox.
import { join } from "node:path";
import { loadExeca } from "../provider/host/load-execa";
import type { Sandbox } from "./sandbox";

export const WORLD = {
    /** The sandbox host's uplink address: where clients reach forwarded ports. */
    uplinkAddress: "198.51.100.1",
    wanAddress: "198.51.100.2",
    clientAddress: "198.51.100.3",
    /** "The internet": an address only `wan` holds, with no route back to private subnets. */
    internetAddress: "203.0.113.1",
    internetPort: 8080,
    /** The same roles in IPv6 (documentation prefix 2001:db8::/32). */
    uplinkAddress6: "2001:db8:1::1",
    wanAddress6: "2001:db8:1::2",
    clientAddress6: "2001:db8:1::3",
    internetAddress6: "2001:db8:ffff::1",
} as const;

/** The namespaces this world adds to the sandbox (they exist before and after any stack). */
export const WORLD_NAMESPACES = ["outside", "wan", "client"];

export async function buildWorld(sandbox: Sandbox): Promise<void> {
    const sh = (...argv: string[]) => sandbox.sh(...argv);
    await sh("ip", "netns", "add", "outside");
    await sh("ip", "-n", "outside", "link", "add", "seg", "type", "bridge");
    await sh("ip", "-n", "outside", "link", "set", "seg", "up");

    // The host's uplink: uplink0 here, its other end on the segment.
    await sh("ip", "link", "add", "uplink0", "type", "veth", "peer", "name", "seg-host", "netns", "outside");
    await sh("ip", "addr", "add", `${WORLD.uplinkAddress}/24`, "dev", "uplink0");
    // nodad: usable at once, no duplicate address detection delay on a segment we made.
    await sh("ip", "addr", "add", `${WORLD.uplinkAddress6}/64`, "dev", "uplink0", "nodad");
    await sh("ip", "link", "set", "uplink0", "up");
    await sh("ip", "route", "add", "default", "via", WORLD.wanAddress);
    await sh("ip", "-6", "route", "add", "default", "via", WORLD.wanAddress6);

    for (const [ns, address, address6] of [
        ["wan", WORLD.wanAddress, WORLD.wanAddress6],
        ["client", WORLD.clientAddress, WORLD.clientAddress6],
    ]) {
        await sh("ip", "netns", "add", ns);
        await sh("ip", "-n", ns, "link", "set", "lo", "up");
        await sh("ip", "-n", "outside", "link", "add", `seg-${ns}`, "type", "veth", "peer", "name", "eth0", "netns", ns);
        await sh("ip", "-n", ns, "addr", "add", `${address}/24`, "dev", "eth0");
        await sh("ip", "-n", ns, "addr", "add", `${address6}/64`, "dev", "eth0", "nodad");
        await sh("ip", "-n", ns, "link", "set", "eth0", "up");
    }
    for (const port of ["seg-host", "seg-wan", "seg-client"]) {
        await sh("ip", "-n", "outside", "link", "set", port, "master", "seg", "up");
    }
    await sh("ip", "-n", "wan", "addr", "add", `${WORLD.internetAddress}/32`, "dev", "lo");
    await sh("ip", "-n", "wan", "addr", "add", `${WORLD.internetAddress6}/128`, "dev", "lo");
    await startServer(sandbox, "wan", WORLD.internetAddress, WORLD.internetPort, "the internet");
    await startServer(sandbox, "wan", WORLD.internetAddress6, WORLD.internetPort, "the internet");
}

/** Starts the whoami HTTP server in a namespace and waits until it listens. */
export async function startServer(sandbox: Sandbox, ns: string, address: string, port: number, name: string): Promise<void> {
    const { execa } = await loadExeca();
    const script = join(__dirname, "..", "..", "sandbox", "whoami_server.py");
    const argv = [...sandbox.enterArgv(), "ip", "netns", "exec", ns, "python3", script, address, String(port), name];
    // Lives until the sandbox stops.
    const server = execa(argv[0], argv.slice(1), { stdin: "ignore", stdout: "ignore", stderr: "ignore", reject: false });
    sandbox.track(server);
    for (let i = 0; i < 100; i++) {
        const family = address.includes(":") ? "-6" : "-4";
        const listening = await sandbox.run(["ip", "netns", "exec", ns, "ss", "-Hltn", family, `sport = :${port}`]);
        if (listening.stdout.trim()) {
            return;
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the test server in ${ns} did not start listening on ${address}:${port}`);
}

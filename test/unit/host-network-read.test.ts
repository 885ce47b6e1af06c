// getHostNetwork's read, run by the provider: a password that no hostKey pins (the machine's or the
// bastion's) is refused before any host is asked for, so nothing is dialled; a pinned one, or a
// login by key, reaches the provider's hosts.
import type { Host, HostResolver } from "../../provider/host/host";
import { hostNetworkProvider } from "../../provider/inspect/host-network-read";

const HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

/** A resolver that records what it was asked for and hands out a host that fails every command. */
function recording(): { resolve: HostResolver; asked: unknown[] } {
    const asked: unknown[] = [];
    const host: Host = {
        description: "a test host",
        run: async () => {
            throw new Error("dialled");
        },
    };
    return {
        asked,
        resolve: (connection) => {
            asked.push(connection);
            return host;
        },
    };
}

const read = (resolve: HostResolver, connection: unknown) => hostNetworkProvider(resolve).read!("host-network", { connection });

test.each([
    ["the machine's", { host: "203.0.113.5", password: "pw-1" }, /root@203\.0\.113\.5:22 gives the machine's password but no hostKey/],
    [
        "the bastion's",
        { host: "203.0.113.5", hostKey: HOST_KEY, privateKey: "k", proxy: { host: "198.51.100.7", user: "jump", password: "pw-2" } },
        /jump@198\.51\.100\.7:22 gives the bastion \(proxy\)'s password but no hostKey/,
    ],
])("%s password with no hostKey is refused before anything is dialled", async (_who, connection, message) => {
    const { resolve, asked } = recording();
    const refused = await read(resolve, connection).catch((err: Error) => err.message);
    expect(refused).toMatch(message);
    expect(refused).not.toMatch(/pw-/);
    expect(asked).toEqual([]);
});

test.each([
    ["a pinned password", { host: "203.0.113.5", password: "pw", hostKey: HOST_KEY }],
    ["a key login", { host: "203.0.113.5", privateKey: "k" }],
    ["this machine", undefined],
])("%s is read through the provider's hosts", async (_what, connection) => {
    const { resolve, asked } = recording();
    await expect(read(resolve, connection)).rejects.toThrow("dialled");
    expect(asked).toHaveLength(1);
});

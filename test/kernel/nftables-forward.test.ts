// A host that drops forwarded traffic in a native nftables base chain (not iptables' FORWARD) is
// named at check, like an iptables DROP policy; iptables ACCEPTs cannot answer it, so acceptForward
// true is refused there too, and false (the admin's own rules accept it) is taken at its word.
import { Sandbox } from "../../sandbox/sandbox";
import { providerIn } from "../support/kernel-provider";

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await Sandbox.start();
    await sandbox.sh("nft", "add", "table", "inet", "fw");
    await sandbox.sh("nft", "add", "chain", "inet", "fw", "forward", "{ type filter hook forward priority 0 ; policy drop ; }");
});
afterAll(() => sandbox?.stop());

const failures = async (kind: "MasqueradeRule" | "PortForward", inputs: Record<string, unknown>) =>
    (await providerIn(kind, sandbox.host).check({}, { ownerTag: "0123456789ab", ...inputs })).failures ?? [];

test.each([
    ["MasqueradeRule", { sourceCidr: "192.168.1.0/24", excludeOutInterface: "br0" }],
    ["PortForward", { hostPort: 5000, targetAddress: "192.168.1.10" }],
    ["PortForward", { hostPort: 5000, targetAddress: "fd00:1::10" }],
] as const)("%s: a native nftables forward chain with policy drop is named at check", async (kind, inputs) => {
    expect(await failures(kind, inputs)).toEqual([
        {
            property: "acceptForward",
            reason: expect.stringMatching(/the nftables chain "inet fw forward" on this machine drops forwarded traffic by default/),
        },
    ]);
    expect(await failures(kind, { ...inputs, acceptForward: true })).toHaveLength(1);
    expect(await failures(kind, { ...inputs, acceptForward: false })).toEqual([]);
});

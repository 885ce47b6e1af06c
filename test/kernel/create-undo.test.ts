// A create is finished only when the engine can record its outputs. Forcing a failure after each
// kind's last kernel step (the outputs refused on their way to the engine) must leave the kernel
// exactly as it was: the kind's own delete undoes the whole create.
import { factories, type Kind } from "../../provider";
import { recordedProvider } from "../../provider/resources/common/recorded-provider";
import { Sandbox, type SandboxSnapshot } from "../../sandbox/sandbox";
import { testOwnerTag } from "../support/kernel-provider";

let sandbox: Sandbox;
let before: SandboxSnapshot & { inNs1: string };
const snapshot = async () => ({ ...(await sandbox.snapshot()), inNs1: await sandbox.sh("ip", "-n", "ns1", "-br", "link") });

beforeAll(async () => {
    sandbox = await Sandbox.start();
    await sandbox.sh("ip", "netns", "add", "ns1");
    await sandbox.sh("ip", "link", "add", "br9", "type", "bridge");
    await sandbox.sh("ip", "addr", "add", "192.168.1.1/24", "dev", "br9");
    await sandbox.sh("ip", "link", "set", "br9", "up");
    before = await snapshot();
});
afterAll(() => sandbox?.stop());

const cases: [Kind, Record<string, unknown>][] = [
    ["Namespace", { name: "ns2", loopbackUp: true }],
    ["Bridge", { name: "br0", addresses: ["10.1.0.1/24", "fd00:9::1/64"] }],
    ["VethPair", { hostName: "veth0", peerName: "ceth0", namespace: "ns1", bridge: "br9", addresses: ["192.168.1.10/24"] }],
    ["Route", { destination: "10.99.0.0/16", via: "192.168.1.2" }],
    ["SysctlForward", { ipv4: true, ipv6: true }],
    ["MasqueradeRule", { sourceCidr: "192.168.1.0/24", excludeOutInterface: "br9", acceptForward: true }],
    ["PortForward", { hostPort: 5000, targetAddress: "192.168.1.10", acceptForward: true }],
];

test.each(cases)("%s: outputs refused after the last step -> the create is undone, the kernel as before", async (kind, inputs) => {
    const refuse = () => {
        throw new Error("forced: the engine cannot record these outputs");
    };
    const provider = recordedProvider(
        kind,
        factories[kind](() => sandbox.host),
        refuse,
    );
    const checked = await provider.check!({}, { ownerTag: testOwnerTag(), ...inputs });
    expect(checked.failures ?? []).toEqual([]);
    await expect(provider.create(checked.inputs)).rejects.toThrow(new RegExp(`^${kind}: forced`));
    expect(await snapshot()).toEqual(before);
});

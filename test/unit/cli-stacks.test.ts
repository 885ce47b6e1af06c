// The CLIs read stacks of either door: `netns:index:*` (the plugin) and
// `pulumi-nodejs:dynamic/netns:*` (the TypeScript SDK); a stack with nothing of pulumi-netns is an
// error that says so.
import { stackOwnerTags } from "../../provider/cli/forwarding";
import { stackResources } from "../../provider/graph/stack-resources";

const SIG = "4dabf18193072939515e22adb298388d";
const state = (...resources: { type: string; outputs?: Record<string, unknown> }[]) => ({ deployment: { resources } });

test("resources of both doors are read, internal kinds left out, shown secrets opened and encrypted ones kept", () => {
    const found = stackResources(
        state(
            { type: "pulumi:pulumi:Stack" },
            { type: "netns:index:Namespace", outputs: { name: "ns1" } },
            { type: "pulumi-nodejs:dynamic/netns:Bridge", outputs: { name: "br0", addresses: { [SIG]: "x", plaintext: '["192.168.1.1/24"]' } } },
            { type: "pulumi-nodejs:dynamic/netns:StackIdentity", outputs: { stackId: "0".repeat(32) } },
            { type: "netns:index:Service", outputs: { environment: { [SIG]: "x", ciphertext: "v1:abc" } } },
        ),
    );
    expect(found).toEqual([
        { kind: "Namespace", outputs: { name: "ns1" } },
        { kind: "Bridge", outputs: { name: "br0", addresses: ["192.168.1.1/24"] } },
        { kind: "Service", outputs: { environment: { [SIG]: "x", ciphertext: "v1:abc" } } },
    ]);
});

test("forwarding --stack: the owner tags of the stack's SysctlForwards, whichever door made them", () => {
    const tags = stackOwnerTags(
        state(
            { type: "netns:index:SysctlForward", outputs: { ownerTag: "0123456789ab" } },
            { type: "pulumi-nodejs:dynamic/netns:SysctlForward", outputs: { ownerTag: "ba9876543210" } },
            { type: "netns:index:Bridge", outputs: { ownerTag: "ffffffffffff" } },
        ),
    );
    expect([...tags].sort()).toEqual(["0123456789ab", "ba9876543210"]);
    expect(() => stackOwnerTags(state({ type: "netns:index:Bridge", outputs: { ownerTag: "ffffffffffff" } }))).toThrow(/the stack has no SysctlForward/);
    expect(() => stackOwnerTags(state({ type: "pulumi:pulumi:Stack" }))).toThrow(/the stack has no pulumi-netns resource/);
});

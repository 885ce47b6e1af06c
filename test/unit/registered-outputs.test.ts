// Every field of every kind's state is an output of its SDK class, even when the program left the
// field out: the engine makes properties only for the keys a resource registers, so a field the
// provider fills in (a Bridge's kernel MTU, a PortForward's defaulted protocol) would otherwise
// be missing at run time while the types promise it.
import * as pulumi from "@pulumi/pulumi";
import type { Kind } from "../../provider/resources/registry";
import { stateFields } from "../../provider/resources/state-fields";

jest.setTimeout(30_000);

/** A value no input holds: an output settling to it came from the provider's state. */
const FROM_STATE = "filled-in-by-the-provider";

beforeAll(async () => {
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                const kind = args.type.split(":").pop() as Kind;
                const filled = Object.fromEntries(stateFields(kind).map((field) => [field, FROM_STATE]));
                const state = { ...filled, ...args.inputs, ...(kind === "StackIdentity" ? { stackId: "0".repeat(32) } : {}) };
                return { id: `${args.name}-id`, state };
            },
            call: () => ({}),
        },
        "project",
        "dev",
        false,
    );
});

/** Each kind with an SDK class, made with its required arguments only (a new kind does not compile until listed). */
const makers: Record<Exclude<Kind, "StackIdentity">, (sdk: typeof import("../../sdk/index.js")) => pulumi.CustomResource> = {
    Namespace: (sdk) => new sdk.Namespace("ns1"),
    Bridge: (sdk) => new sdk.Bridge("br0"),
    VethPair: (sdk) => new sdk.VethPair("link", { hostName: "veth0", peerName: "ceth0", namespace: "ns1" }),
    Route: (sdk) => new sdk.Route("default", { destination: "default", via: "192.168.1.1" }),
    SysctlForward: (sdk) => new sdk.SysctlForward("forward"),
    MasqueradeRule: (sdk) => new sdk.MasqueradeRule("nat", { sourceCidr: "192.168.1.0/24" }),
    PortForward: (sdk) => new sdk.PortForward("http", { hostPort: 5000, targetAddress: "192.168.1.10" }),
    AddressPool: () => {
        const { AddressPool } = require("../../sdk/address-pool") as typeof import("../../sdk/address-pool.js");
        return new AddressPool("pool", { network: "lab", subnet: "192.168.1.0/24" });
    },
    ResolvConf: (sdk) => new sdk.ResolvConf("dns", { namespace: "ns1", nameservers: ["198.51.100.53"] }),
    Probe: (sdk) => new sdk.Probe("probe", { from: "ns1", to: "192.168.1.1" }),
    VxlanTunnel: (sdk) => new sdk.VxlanTunnel("vx42", { name: "vx42", vni: 42, localAddress: "10.77.0.2" }),
    Service: (sdk) => new sdk.Service("web", { namespace: "ns1", command: ["python3", "-m", "http.server", "5000"] }),
};

const settled = <T>(o: pulumi.Output<T>): Promise<T> => new Promise<T>((resolve) => o.apply(resolve));

test.each(Object.keys(makers) as (keyof typeof makers)[])("%s: every state field is an output, given or not", async (kind) => {
    const sdk = require("../../sdk/index") as typeof import("../../sdk/index.js");
    const resource = makers[kind](sdk) as unknown as Record<string, unknown>;
    const fields = stateFields(kind).filter((field) => field !== "connection" && field !== "ownerTag");
    expect(fields.length).toBeGreaterThan(0);
    const missing = fields.filter((field) => !pulumi.Output.isInstance(resource[field]));
    expect(missing).toEqual([]);
    // A field the program did not give settles to what the provider's state holds.
    const values = await Promise.all(fields.map((field) => settled(resource[field] as pulumi.Output<unknown>)));
    for (const [i, field] of fields.entries()) {
        expect([field, values[i]]).not.toEqual([field, undefined]);
    }
});

// The provider plugin's own layer over the runner: types from URNs, kernel names defaulted to the
// resource's name, an owner tag made once and kept, the provider's default connection, the
// connection kept secret in what the engine records, the schema served, and Configure's values read.
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { Host, HostResolver } from "../../provider/host/host";
import { configFromRequest } from "../../provider/plugin/configure";
import { parseUrn, pluginProvider } from "../../provider/plugin/plugin-provider";
import { reveal, secret } from "../../provider/plugin/secrets";
import { secretFields } from "../../provider/resources/common/secret-fields";
import { kinds } from "../../provider/resources/registry";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const urn = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;
const CONNECTION = { host: "198.51.100.7", user: "ops", privateKey: "KEY" };

/**
 * A machine with nothing on it: check reads it for the guard rails (links, routes, listeners, DNAT
 * rules), and nothing else may run (diff decides without a host).
 */
const emptyMachine: HostResolver = () => ({
    description: "an empty machine",
    run: async (argv) => {
        if (argv[0] === "ip" || argv[0] === "ss" || argv[0].endsWith("tables-save")) {
            return { argv, exitCode: 0, stdout: argv[0] === "ip" ? "[]" : "", stderr: "" };
        }
        throw new Error(`no command but the guard rails' reads in a unit test: ${argv.join(" ")}`);
    },
});

const plugin = (connection?: unknown) => pluginProvider("1.2.3", () => ({ connection }), emptyMachine);

test("reads the kind and the resource's name from a URN, under a parent too", () => {
    expect(parseUrn(urn("netns:index:Bridge", "br0"))).toMatchObject({ kind: "Bridge", name: "br0" });
    expect(parseUrn(urn("my:component:Lab$netns:index:Namespace", "ns1"))).toMatchObject({ kind: "Namespace", name: "ns1" });
    expect(() => parseUrn(urn("netns:index:StackIdentity", "x"))).toThrow(/no resource type "netns:index:StackIdentity"/);
});

test("serves the package schema at its own version", async () => {
    const schema = JSON.parse(await plugin().getSchema!());
    expect(schema).toMatchObject({ name: "netns", version: "1.2.3" });
    expect(Object.keys(schema.resources)).toContain("netns:index:VethPair");
});

test("check names a bridge after its resource, makes an owner tag, and keeps it afterwards", async () => {
    const p = plugin();
    const first = await p.check!(urn("netns:index:Bridge", "br0"), {}, { addresses: ["192.168.1.1/24"] });
    expect(first.failures ?? []).toEqual([]);
    expect(first.inputs).toMatchObject({ name: "br0", addresses: ["192.168.1.1/24"] });
    expect(first.inputs.ownerTag).toMatch(/^[0-9a-f]{12}$/);
    const again = await p.check!(urn("netns:index:Bridge", "br0"), first.inputs, { name: "br1", addresses: [] });
    expect(again.inputs).toMatchObject({ name: "br1", ownerTag: first.inputs.ownerTag });
});

test("check reports bad fields by name, as the dynamic provider does", async () => {
    const result = await plugin().check!(urn("netns:index:VethPair", "v"), {}, { hostName: "a-name-longer-than-15", peerName: "c0", namespace: "ns1" });
    expect(result.failures).toEqual(expect.arrayContaining([expect.objectContaining({ property: "hostName" })]));
});

test("a resource without a connection takes the provider's, and the engine is told it is secret", async () => {
    const result = await plugin(CONNECTION).check!(urn("netns:index:Namespace", "ns1"), {}, {});
    expect(result.inputs.connection).toEqual(secret(CONNECTION));
    expect(result.inputs.connection[SIG_KEY]).toBeDefined();
    // Its own connection wins, and secrets the engine sent arrive opened at the kinds.
    const own = { host: "203.0.113.9" };
    const mine = await plugin(CONNECTION).check!(urn("netns:index:Namespace", "ns2"), {}, { connection: secret(own) });
    expect(reveal(mine.inputs.connection)).toEqual(own);
});

test("diff replaces on a kernel name change and updates addresses in place", async () => {
    const p = plugin();
    const olds = { name: "br0", addresses: ["192.168.1.1/24"], ownerTag: "0123456789ab" };
    const renamed = await p.diff!("br0", urn("netns:index:Bridge", "br0"), olds, { ...olds, name: "br1" });
    expect(renamed).toMatchObject({ changes: true, replaces: ["name"], deleteBeforeReplace: false });
    const readdressed = await p.diff!("br0", urn("netns:index:Bridge", "br0"), olds, { ...olds, addresses: ["192.168.2.1/24"] });
    expect(readdressed).toMatchObject({ changes: true, replaces: [] });
});

test("delete reaches the kind's runner on the host the resolver gives", async () => {
    const seen: string[] = [];
    const host: Host = {
        description: "a scripted host",
        run: async (argv: readonly string[]) => {
            seen.push(argv.join(" "));
            return { argv, exitCode: 0, stdout: "", stderr: "" };
        },
    } as unknown as Host;
    const p = pluginProvider(
        "1.2.3",
        () => ({}),
        () => host,
    );
    await p.delete!("ns1", urn("netns:index:Namespace", "ns1"), { name: "ns1", loopbackUp: true, ownerTag: "0123456789ab" });
    expect(seen.some((c) => c.includes("ns1"))).toBe(true);
});

test("Configure's connection is read from its args, or from the stack's config variables", () => {
    const withArgs = {
        hasArgs: () => true,
        getArgs: () => Struct.fromJavaScript({ connection: secret(CONNECTION) } as never),
        getVariablesMap: () => new Map<string, string>(),
    };
    expect(configFromRequest(withArgs)).toEqual({ connection: CONNECTION });
    // Stack config (`pulumi config set --path netns:connection.host ...`) arrives as JSON text.
    const asText = { ...withArgs, getArgs: () => Struct.fromJavaScript({ connection: secret(JSON.stringify(CONNECTION)) } as never) };
    expect(configFromRequest(asText)).toEqual({ connection: CONNECTION });
    const withVariables = {
        hasArgs: () => false,
        getArgs: () => undefined,
        getVariablesMap: () => new Map([["netns:config:connection", JSON.stringify(CONNECTION)]]),
    };
    expect(configFromRequest(withVariables)).toEqual({ connection: CONNECTION });
    expect(configFromRequest({ ...withVariables, getVariablesMap: () => new Map() })).toEqual({});
});

describe("secrets through the plugin", () => {
    const isSecret = (v: unknown) => typeof v === "object" && v !== null && SIG_KEY in v;
    /** A machine whose every command succeeds with nothing to say (check's reads; a Service's systemd probe). */
    const quiet: HostResolver = () => ({
        description: "a quiet machine",
        run: async (argv) => ({ argv, exitCode: 0, stdout: argv[0] === "ip" ? "[]" : "", stderr: "" }),
    });
    const service = { namespace: "ns1", command: ["/bin/true"] };

    test("check returns a Service's environment secret, given plain or with one value secret", async () => {
        const p = pluginProvider("1.2.3", () => ({}), quiet);
        const plain = await p.check!(urn("netns:index:Service", "web"), {}, { ...service, environment: { TOKEN: "t0p" } });
        expect(isSecret(plain.inputs.environment)).toBe(true);
        expect(reveal(plain.inputs.environment)).toEqual({ TOKEN: "t0p" });
        expect(JSON.stringify(plain.inputs)).toContain("t0p"); // inside the secret envelope, for the engine to encrypt
        const one = await p.check!(urn("netns:index:Service", "web"), {}, { ...service, environment: { TOKEN: secret("t0p"), MODE: "x" } });
        expect(isSecret(one.inputs.environment)).toBe(true);
        expect(isSecret(one.inputs.command)).toBe(false);
    });

    test("a value that arrived secret in a field the schema does not mark comes back secret at its place", async () => {
        const p = plugin();
        const result = await p.check!(urn("netns:index:Bridge", "br0"), {}, { addresses: [secret("192.168.1.1/24"), "192.168.2.1/24"] });
        expect(isSecret(result.inputs.addresses[0])).toBe(true);
        expect(result.inputs.addresses[1]).toBe("192.168.2.1/24");
        expect(isSecret(result.inputs.name)).toBe(false);
    });

    test("read keeps secret what state held secret, and the schema's secret fields", async () => {
        // ns1's lo, up and carrying the resource's owner mark.
        const lo = [
            { ifindex: 1, ifname: "lo", mtu: 65536, ifalias: "pulumi-netns:0123456789ab", flags: ["LOOPBACK", "UP", "LOWER_UP"], operstate: "UNKNOWN" },
        ];
        const host: HostResolver = () => ({
            description: "a machine with ns1",
            run: async (argv) => ({ argv, exitCode: 0, stdout: JSON.stringify(lo), stderr: "" }),
        });
        const p = pluginProvider("1.2.3", () => ({}), host);
        const props = { name: "ns1", loopbackUp: secret(true), ownerTag: "0123456789ab", connection: undefined };
        const result = await p.read!("ns1", urn("netns:index:Namespace", "ns1"), props);
        expect(result.id).toBe("ns1");
        expect(isSecret(result.props.loopbackUp)).toBe(true);
        expect(reveal(result.props.loopbackUp)).toBe(true);
        expect(isSecret(result.props.name)).toBe(false);
    });
});

test("the secret fields come from the kinds' schemas: a connection (it holds keys) and a Service's environment", () => {
    expect([...secretFields(kinds.Service.inputs)].sort()).toEqual(["connection", "environment"]);
    expect([...secretFields(kinds.Bridge.inputs)]).toEqual(["connection"]);
});

describe("who a resource is, from its URN", () => {
    test("its owner tag derives from its stack and place: the same at every check, another in another stack or under another parent", async () => {
        const p = plugin();
        const tag = async (u: string) => (await p.check!(u, {}, { addresses: [] })).inputs.ownerTag;
        const first = await tag(urn("netns:index:Bridge", "br0"));
        expect(first).toMatch(/^[0-9a-f]{12}$/);
        expect(await tag(urn("netns:index:Bridge", "br0"))).toBe(first);
        expect(await tag("urn:pulumi:prod::proj::netns:index:Bridge::br0")).not.toBe(first);
        expect(await tag(urn("my:component:Lab$netns:index:Bridge", "br0"))).not.toBe(first);
        // A tag already recorded is kept (stacks made when the plugin's tags were random).
        const kept = await p.check!(urn("netns:index:Bridge", "br0"), { ownerTag: "0123456789ab" }, { addresses: [] });
        expect(kept.inputs.ownerTag).toBe("0123456789ab");
    });

    test("a SysctlForward's owner records name the stack and the resource, as in TypeScript", async () => {
        const result = await plugin().check!(urn("netns:index:SysctlForward", "forward"), {}, {});
        expect(result.inputs.ownerName).toEqual({ stack: "proj/dev", resource: "forward" });
    });
});

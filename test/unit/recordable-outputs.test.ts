// Every kind's create, read and update results reach the engine as a protobuf Struct. Generated
// inputs (optional fields left out at random, IPv4 and IPv6 mixed) go through each kind's provider
// on a scripted host that answers like an empty kernel; whatever comes back must survive the
// engine's own encoding (Struct.fromJavaScript), as must anything `recordable` lets through.
import fc from "fast-check";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { type Kind, makeProvider } from "../../provider";
import type { Host, RunOptions, RunResult } from "../../provider/host/host";
import { recordable } from "../../provider/resources/common/recordable";

const RUNS = { numRuns: 60 };
const ownerTag = "0123456789ab";

/** Answers every command as a kernel holding only what this resource just made would. */
class ScriptedHost implements Host {
    readonly description = "a scripted host";
    private readonly namespaces: string[] = [];
    private readonly kinds = new Map<string, string>();
    private readonly routes: Record<string, unknown>[] = [];
    private readonly files = new Map<string, string>();
    async run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
        const ok = (stdout = "") => ({ argv, exitCode: 0, stdout, stderr: "" });
        if (argv.includes("-batch")) {
            // `ip [options] -batch -`: each line of the input is a command with those options.
            const global = argv.slice(0, argv.indexOf("-batch"));
            let stdout = "";
            for (const line of (options.input ?? "").split("\n").filter(Boolean)) {
                const result = await this.run([...global, ...line.split(" ")]);
                if (result.exitCode !== 0) {
                    return result;
                }
                stdout += result.stdout;
            }
            return ok(stdout);
        }
        const words = argv.join(" ");
        // The file client's program: `sh -c PROGRAM pulumi-netns-file OP PATH ...`.
        if (argv[0] === "sh" && argv[3] === "pulumi-netns-file") {
            const [op, path] = [argv[4], argv[5]];
            if (op === "write") {
                this.files.set(path, options.input ?? "");
            }
            if (op === "remove") {
                this.files.delete(path);
            }
            if (op === "read") {
                const text = this.files.get(path);
                return text === undefined ? { argv, exitCode: 66, stdout: "", stderr: "" } : ok(`${text}.`);
            }
            return ok();
        }
        if (words === "systemctl is-system-running") {
            return ok("running\n");
        }
        if (argv[0] === "systemctl" && argv[1] === "show") {
            const path = `/etc/systemd/system/${argv[2]}`;
            return ok(
                this.files.has(path) ? `LoadState=loaded\nActiveState=active\nSubState=running\nMainPID=42\nFragmentPath=${path}\n` : "LoadState=not-found\n",
            );
        }
        if (argv[0] === "ss") {
            return ok("LISTEN 0 5 0.0.0.0:80 0.0.0.0:*\n");
        }
        if (argv[0] === "cat") {
            const text = this.files.get(argv[1]);
            return text === undefined ? { argv, exitCode: 1, stdout: "", stderr: `cat: ${argv[1]}: No such file or directory` } : ok(text);
        }
        if (words.startsWith("ip netns add ")) {
            this.namespaces.push(argv[3]);
        }
        const added = argv.indexOf("add");
        if (argv.includes("route") && added > 0) {
            const after = (kw: string) => (argv.includes(kw) ? argv[argv.indexOf(kw) + 1] : undefined);
            this.routes.push({
                dst: argv[added + 1],
                gateway: after("via"),
                dev: after("dev") ?? "br0",
                metric: Number(after("metric") ?? 0),
                protocol: "245",
            });
        }
        if (argv.includes("route") && argv.includes("exact")) {
            return ok(JSON.stringify(this.routes));
        }
        if (words === "ip -j netns list") {
            return ok(JSON.stringify(this.namespaces.map((n) => ({ name: n }))));
        }
        if (/ link add name (\S+) .*type (\S+)/.test(words)) {
            const [, name, type] = / link add name (\S+) .*type (\S+)/.exec(words)!;
            this.kinds.set(name, type);
        }
        if (/ (link|addr) show dev (\S+)/.test(words)) {
            const name = / dev (\S+)/.exec(words)![1];
            return ok(
                JSON.stringify([
                    {
                        ifindex: 7,
                        ifname: name,
                        flags: ["UP"],
                        mtu: 1500,
                        address: "02:00:00:00:00:07",
                        ifalias: `pulumi-netns:${ownerTag}`,
                        linkinfo: { info_kind: this.kinds.get(name) ?? "veth" },
                    },
                ]),
            );
        }
        // `ip -j` prints only for listings; iptables rules here all count as present (their `-j TARGET`).
        if (/ -j /.test(` ${words} `) && (argv[0] !== "ip" || / (show|list)( |$)/.test(words))) {
            return ok("[]");
        }
        if (argv[0] === "sysctl") {
            return ok("0\n");
        }
        if (argv[0] === "sh" && argv[3] === "pulumi-netns-boot-plan") {
            // The boot plan's program: an entry written, read back, dropped.
            const [op, tag] = argv.slice(4);
            if (op === "put") {
                this.files.set(`plan/${tag}`, options.input ?? "");
            }
            return ok(op === "put" ? "written\n" : op === "get" ? `unit\n---\n${this.files.get(`plan/${tag}`) ?? ""}` : "dropped\n");
        }
        if (argv[0] === "flock") {
            // The switch owner records' program: join, leave, list answers.
            const op = argv[argv.indexOf("pulumi-netns-switches") + 2];
            return ok(op === "join" ? "previous 0\n" : op === "leave" ? "restored 0\n" : "self ns-1-boot\n");
        }
        if (/tables$/.test(argv[0]) && argv.includes("-C")) {
            return { argv, exitCode: 1, stdout: "", stderr: "iptables: Bad rule (does a matching rule exist in that chain?)." };
        }
        if (/tables$/.test(argv[0]) && argv.includes("-S")) {
            return ok("-P FORWARD ACCEPT\n");
        }
        return ok();
    }
}

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const v4 = fc.tuple(fc.integer({ min: 1, max: 223 }), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 })).map((b) => b.join("."));
const v6 = fc.integer({ min: 1, max: 0xfffe }).map((n) => `fd00:1::${n.toString(16)}`);
const address = fc.oneof(v4, v6);
const name = fc.constantFrom("br0", "veth0", "ceth0", "lab-1", "x.y");
const port = fc.integer({ min: 1, max: 65535 });

const inputsOf: Record<Kind, fc.Arbitrary<Record<string, unknown>>> = {
    StackIdentity: fc.constant({}),
    VxlanTunnel: fc.record({
        name: fc.constant("vx0"),
        vni: fc.integer({ min: 1, max: 16777215 }),
        localAddress: fc.constant("10.77.0.2"),
        remotes: maybe(fc.uniqueArray(fc.constantFrom("10.77.0.3", "10.77.0.4", "fd00:77::3"), { maxLength: 3 })),
        bridge: maybe(fc.constant("br0")),
        mtu: maybe(fc.integer({ min: 1280, max: 9000 })),
    }),
    Probe: fc.record({
        from: fc.constantFrom("host", "ns1"),
        to: address,
        // Every scripted command succeeds: a ping or a tcp connect reaches, as expected by default.
        kind: fc.constantFrom("ping", "tcp"),
        port,
        path: maybe(fc.constant("/health")),
    }),
    AddressPool: fc.record({
        network: fc.constant("lab"),
        subnet: fc.constantFrom("192.168.1.0/24", "10.0.0.0/29"),
        subnet6: maybe(fc.constant("fd00:1::/64")),
        members: fc.uniqueArray(fc.constantFrom("ns1", "ns2", "red", "green"), { maxLength: 4 }).map((keys) => keys.map((key) => ({ key }))),
    }),
    ResolvConf: fc.record({
        namespace: fc.constant("ns1"),
        nameservers: fc.array(address, { minLength: 1, maxLength: 3 }),
        search: maybe(fc.constant(["lab"])),
    }),
    Namespace: fc.record({ name: fc.constantFrom("ns1", "red"), loopbackUp: maybe(fc.boolean()) }),
    Service: fc.record({
        name: fc.constantFrom("web", "x.y"),
        namespace: fc.constant("ns1"),
        command: fc.array(fc.string(), { minLength: 1, maxLength: 4 }).map((argv) => ["python3", ...argv]),
        environment: maybe(fc.dictionary(fc.constantFrom("A", "B_2"), fc.string())),
        user: maybe(fc.constantFrom("root", "nobody")),
        workingDirectory: maybe(fc.constant("/srv")),
        restart: maybe(fc.constantFrom("always", "on-failure", "no")),
        readyPort: maybe(port),
    }),
    Bridge: fc.record({
        name,
        addresses: maybe(
            fc.array(
                address.map((a) => `${a}/${a.includes(":") ? 64 : 24}`),
                { maxLength: 3 },
            ),
        ),
        mtu: maybe(fc.integer({ min: 1280, max: 9000 })),
    }),
    VethPair: fc.record({
        hostName: fc.constant("veth0"),
        peerName: fc.constant("ceth0"),
        namespace: fc.constant("ns1"),
        bridge: maybe(fc.constant("br0")),
        addresses: maybe(
            fc.array(
                v4.map((a) => `${a}/24`),
                { maxLength: 2 },
            ),
        ),
        mtu: maybe(fc.integer({ min: 1280, max: 9000 })),
    }),
    Route: fc.oneof(
        fc.record({ destination: fc.constant("default"), via: address, namespace: maybe(fc.constant("ns1")), metric: maybe(fc.nat(1000)) }),
        fc.record({ destination: fc.constant("10.9.0.0/16"), device: name, metric: maybe(fc.nat(1000)) }),
    ),
    SysctlForward: fc.record({ ipv4: maybe(fc.boolean()), ipv6: maybe(fc.boolean()) }),
    MasqueradeRule: fc.record({
        sourceCidr: fc.constantFrom("192.168.1.0/24", "fd00:1::/64"),
        excludeOutInterface: maybe(name),
        acceptForward: maybe(fc.boolean()),
    }),
    PortForward: fc
        .oneof(
            v4.map((t) => [t, v4] as const),
            v6.map((t) => [t, v6] as const),
        )
        .chain(([target, family]) =>
            fc.record({
                hostPort: port,
                targetAddress: fc.constant(target),
                targetPort: maybe(port),
                hostAddress: maybe(family),
                protocol: maybe(fc.constantFrom("tcp", "udp")),
                inInterface: maybe(name),
                acceptForward: maybe(fc.boolean()),
            }),
        ),
};

/** What the engine does with a result: throws "Unexpected struct type." on anything it cannot hold. */
const encode = (value: Record<string, unknown>) => Struct.fromJavaScript(value as never);

/** The SDK leaves absent optional fields undefined in the inputs; the engine drops them on the way. */
const asSent = (inputs: Record<string, unknown>) => ({ ownerTag, ...recordable(inputs) });

test.each(Object.keys(inputsOf) as Kind[])("%s: create, read and update results always encode", async (kind) => {
    process.env.PULUMI_NETNS_SETTLE_SECONDS = "0";
    await fc.assert(
        fc.asyncProperty(inputsOf[kind], async (raw) => {
            const host = new ScriptedHost();
            const provider = makeProvider(kind, () => host);
            const checked = await provider.check!({}, asSent(raw));
            if (checked.failures?.length) {
                return; // refused inputs never reach create
            }
            const created = await provider.create(checked.inputs);
            expect(() => encode(created.outs)).not.toThrow();
            const read = await provider.read!(created.id, created.outs);
            expect(() => encode(read.props ?? {})).not.toThrow();
            const updated = await provider.update!(created.id, created.outs, checked.inputs);
            expect(() => encode(updated.outs ?? {})).not.toThrow();
        }),
        RUNS,
    );
});

test("recordable: whatever it returns encodes; what it cannot make encodable it refuses", () => {
    fc.assert(
        fc.property(fc.dictionary(fc.string(), fc.anything({ withNullPrototype: false })), (value) => {
            let cleaned: Record<string, unknown>;
            try {
                cleaned = recordable(value);
            } catch (err) {
                expect((err as Error).message).toMatch(/cannot hold|undefined/);
                return;
            }
            expect(() => encode(cleaned)).not.toThrow();
        }),
        { numRuns: 1000 },
    );
});

// The EC2 example's wiring, under Pulumi mocks (AWS is not reachable from tests): every netns
// resource waits for the instance, reaches it through the instance's own outputs, and keeps the
// key secret. The netns resources themselves are proven against real kernels by the e2e tests.
import * as pulumi from "@pulumi/pulumi";

jest.setTimeout(60_000);

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nbm90LWEtcmVhbC1rZXk=\n-----END OPENSSH PRIVATE KEY-----";
const INSTANCE = { publicIp: "203.0.113.10", privateIp: "10.0.1.23" };

interface Registration {
    type: string;
    name: string;
    urn: string;
    dependencies: string[];
    object: Record<string, unknown>;
}
const registrations: Registration[] = [];
const amiFilters: unknown[] = [];

beforeAll(async () => {
    pulumi.runtime.setAllConfig(
        {
            "aws-ec2:publicKey": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
            "aws-ec2:privateKey": PRIVATE_KEY,
            "aws-ec2:sshCidr": "198.51.100.7/32",
        },
        ["aws-ec2:privateKey"],
    );
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => ({
                id: `${args.name}-id`,
                state: { ...args.inputs, ...(args.type === "aws:ec2/instance:Instance" ? INSTANCE : {}) },
            }),
            call: (args) => {
                amiFilters.push(args.inputs.filters);
                return args.token === "aws:ec2/getAmi:getAmi" ? { id: "ami-0123456789abcdef0", architecture: "x86_64" } : {};
            },
        },
        "aws-ec2",
        "dev",
        false,
        "organization",
    );

    // Record what the program really sends the engine: the request, its dependencies, its URN.
    type Callback = (err: unknown, resp?: { getUrn(): string }) => void;
    type Request = {
        getType(): string;
        getName(): string;
        getDependenciesList(): string[];
        getObject(): { toJavaScript(): Record<string, unknown> };
    };
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: Request, cb: Callback): void };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) =>
        register(req, (err, resp) => {
            if (resp) {
                registrations.push({
                    type: req.getType(),
                    name: req.getName(),
                    urn: resp.getUrn(),
                    dependencies: req.getDependenciesList(),
                    object: req.getObject().toJavaScript(),
                });
            }
            callback(err, resp);
        });

    // Loaded only now, after the mocks: a Pulumi program registers its resources as it loads.
    const program = require("../../examples/aws-ec2/index") as typeof import("../../examples/aws-ec2/index.js");
    // Every export settles only after the resources it comes from have registered.
    await new Promise((resolve) => pulumi.all([program.url, program.namespaces, program.privateIp]).apply(resolve));
    await new Promise((r) => setTimeout(r, 500));
});

const netnsResources = () => registrations.filter((r) => r.type.includes("dynamic") && !r.type.endsWith(":StackIdentity"));
const instanceUrn = () => registrations.find((r) => r.type === "aws:ec2/instance:Instance")!.urn;
const unwrap = (v: unknown) => ((v as Record<string, unknown>)?.[SECRET_SIG] ? (v as { value: unknown }).value : v);

test("the program makes the instance and the whole two-namespace topology", () => {
    expect(registrations.map((r) => r.type)).toEqual(
        expect.arrayContaining(["aws:ec2/securityGroup:SecurityGroup", "aws:ec2/keyPair:KeyPair", "aws:ec2/instance:Instance"]),
    );
    expect(
        netnsResources()
            .map((r) => r.name)
            .sort(),
    ).toEqual(["br0", "forward", "http", "nat", "ns1", "ns1-default", "ns1-link", "ns2", "ns2-default", "ns2-link"]);
    expect(JSON.stringify(amiFilters)).toContain("ubuntu-noble-24.04-amd64-server-");
});

test("every netns resource depends on the instance", () => {
    for (const r of netnsResources()) {
        expect({ name: r.name, dependsOnInstance: r.dependencies.includes(instanceUrn()) }).toEqual({
            name: r.name,
            dependsOnInstance: true,
        });
    }
});

test("the connection comes from the instance's outputs, and is secret", () => {
    for (const r of netnsResources()) {
        const connection = r.object.connection as Record<string, unknown>;
        expect(connection[SECRET_SIG]).toBe("1b47061264138c4ac30d75fd1eb44270");
        expect(unwrap(connection)).toMatchObject({ host: INSTANCE.publicIp, user: "ubuntu", sudo: true, privateKey: PRIVATE_KEY });
    }
});

test("the port forward matches the instance's private address, where EC2 delivers public traffic", () => {
    const http = netnsResources().find((r) => r.name === "http")!;
    expect(unwrap(http.object.hostAddress)).toBe(INSTANCE.privateIp);
    expect(http.object).toMatchObject({ hostPort: 5000, targetAddress: "192.168.1.10" });
});

test("the key is never sent in plaintext: not to the instance's resources, not in any export", () => {
    const body = "bm90LWEtcmVhbC1rZXk=";
    for (const r of registrations) {
        const plain = JSON.stringify(r.object, (_k, v) => (v && typeof v === "object" && v[SECRET_SIG] ? "[secret]" : v));
        expect({ name: r.name, leaks: plain.includes(body) }).toEqual({ name: r.name, leaks: false });
    }
});

test("SSH is open to the configured network only; the forwarded port to all", () => {
    const group = registrations.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup")!;
    const ingress = group.object.ingress as { fromPort: number; cidrBlocks: string[] }[];
    expect(ingress.find((r) => r.fromPort === 22)?.cidrBlocks).toEqual(["198.51.100.7/32"]);
});

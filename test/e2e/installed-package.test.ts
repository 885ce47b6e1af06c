// The package as a user gets it, in a project outside the repository: made with `pulumi new` from
// the template the repo ships, pulumi-netns installed from the tarball `npm pack` makes and from
// a git clone (its prepare script builds dist/). The user's own tsc type-checks the program with
// the template's tsconfig and with the classic `pulumi new typescript` one (CommonJS, node10
// resolution, no esModuleInterop, no skipLibCheck); `pulumi up` of a program with only required
// arguments, run in a sandbox, has every output the README documents. npm needs the registry for
// the dependencies (a warm npm cache makes it quick); the git install also builds the package.
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadExeca } from "../../provider/host/load-execa";
import { PulumiProject } from "../../sandbox/pulumi-project";
import { Sandbox, type SandboxSnapshot } from "../../sandbox/sandbox";
import { buildWorld } from "../../sandbox/world";

jest.setTimeout(1_200_000);

const repo = join(__dirname, "..", "..", "..");

/** The tsconfig.json `pulumi new typescript` wrote until 2026 (pulumi/templates, typescript/). */
const classicTsconfig = {
    compilerOptions: {
        strict: true,
        outDir: "bin",
        target: "es2020",
        module: "commonjs",
        moduleResolution: "node",
        sourceMap: true,
        experimentalDecorators: true,
        pretty: true,
        noFallthroughCasesInSwitch: true,
        noImplicitReturns: true,
        forceConsistentCasingInFileNames: true,
    },
    files: ["index.ts"],
};

async function run(argv: string[], cwd: string): Promise<string> {
    const { execa } = await loadExeca();
    const r = await execa(argv[0], argv.slice(1), { cwd, reject: false, stdin: "ignore", all: true });
    if (r.exitCode !== 0) {
        throw new Error(`${argv.join(" ")} (in ${cwd}) failed (exit ${r.exitCode}):\n${r.all}`);
    }
    return String(r.stdout);
}

/** Every documented output of every kind, as the program reads them ("absent": no value, but the output exists). */
const documented = {
    namespace: { name: "ns1", loopbackUp: true },
    bridge: { name: "br0", addresses: [], mtu: 1500, macAddress: expect.stringMatching(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/) },
    vethPair: { hostName: "veth0", peerName: "ceth0", namespace: "ns1", bridge: "absent", addresses: [], mtu: 1500 },
    routeOut: {
        destination: "10.99.0.0/16",
        namespace: "absent",
        via: "198.51.100.2",
        device: "absent",
        metric: "absent",
        installed: { metric: 0, device: "uplink0", via: "198.51.100.2" },
    },
    sysctlForward: { ipv4: true, ipv6: false, previousIpv4: 0, previousIpv6: "absent" },
    masqueradeRule: {
        sourceCidr: "192.168.1.0/24",
        ruleSpec: expect.stringMatching(/^-t nat -A POSTROUTING -s 192\.168\.1\.0\/24 .*-j MASQUERADE$/),
        rules: [expect.any(String)],
    },
    portForward: {
        hostPort: 5000,
        targetAddress: "192.168.1.10",
        protocol: "tcp",
        hostAddress: "absent",
        targetPort: 5000,
        inInterface: "absent",
        ruleSpec: expect.stringMatching(/^-t nat -A PREROUTING .*--dport 5000 .*-j DNAT --to-destination 192\.168\.1\.10:5000$/),
        rules: [expect.stringMatching(/^-t nat -A PREROUTING /), expect.stringMatching(/^-t nat -A OUTPUT /)],
    },
    probeOut: { from: "host", to: "198.51.100.2", kind: "ping", expect: "reachable", result: "reachable" },
    resolvConf: { namespace: "ns1", nameservers: ["198.51.100.53"], search: [] },
    vxlanTunnel: { name: "vx42", vni: 42, localAddress: "198.51.100.1", remotes: [], dstPort: 4789, bridge: "absent", mtu: expect.any(Number) },
    network: { addresses: { web: { ipv4: "10.77.0.2" } }, memberIpv4: "10.77.0.2", memberIpv6: "absent" },
};

let sandbox: Sandbox;
let before: SandboxSnapshot;
let base: string;

beforeAll(async () => {
    sandbox = await Sandbox.start();
    await buildWorld(sandbox);
    before = await sandbox.snapshot();
    base = await mkdtemp(join(tmpdir(), "pulumi-netns-installed-"));
});

afterAll(async () => {
    await sandbox?.stop();
    if (base) {
        await rm(base, { recursive: true, force: true });
    }
});

/** Where npm takes the package from, as a user would name it. */
const sources: Record<string, () => Promise<string>> = {
    "tarball made by npm pack": async () => {
        // The tests run from a fresh dist/: pack it as it is (the prepare script would build it again).
        await run(["npm", "pack", "--ignore-scripts", "--pack-destination", base], repo);
        const tarball = (await readdir(base)).find((f) => f.endsWith(".tgz"));
        return join(base, tarball!);
    },
    "git clone": async () => `git+file://${repo}#${(await run(["git", "rev-parse", "HEAD"], repo)).trim()}`,
};

describe.each(Object.keys(sources))("installed from a %s", (source) => {
    let project: PulumiProject;
    let dir: string;

    beforeAll(async () => {
        dir = join(base, source.replace(/\W+/g, "-"));
        project = await PulumiProject.at(sandbox, base, join(base, `${source.replace(/\W+/g, "-")}-backend`));
        await project.ok("new", join(repo, "templates", "typescript"), "--dir", dir, "--name", "lab", "--stack", "test", "--yes");
        project = await PulumiProject.at(sandbox, dir, join(base, `${source.replace(/\W+/g, "-")}-backend`));
        await run(["npm", "install", "--no-fund", "--no-audit", "--prefer-offline", "--loglevel=error", await sources[source]()], dir);
    });

    test("the template's program type-checks with the template's tsconfig", async () => {
        await run([join(dir, "node_modules", ".bin", "tsc"), "--noEmit", "-p", "."], dir);
    });

    test("a program of every kind type-checks with the classic pulumi new typescript tsconfig", async () => {
        await run(["cp", join(repo, "test", "programs", "installed", "index.ts"), join(dir, "index.ts")], dir);
        await writeFile(join(dir, "tsconfig.json"), JSON.stringify(classicTsconfig, null, 4));
        await run([join(dir, "node_modules", ".bin", "tsc"), "--noEmit", "-p", "."], dir);
    });

    test("up with required arguments only: every documented output exists; destroy leaves nothing", async () => {
        // As a user runs it: ts-node type-checks the program at `up`.
        project.environment.PULUMI_NODEJS_TRANSPILE_ONLY = "false";
        try {
            await project.up();
            expect(await project.outputs()).toEqual(documented);
        } finally {
            await project.ok("destroy", "--yes", "--skip-preview");
        }
        expect(await sandbox.snapshot()).toEqual(before);
    });
});

// Service against a real systemd (PID 1 of a private sandbox): create, read, update, delete, drift,
// restarts, failures told with the journal, ownership, secrets, and arguments that arrive exactly.
import fc from "fast-check";
import { UNKNOWN } from "../../provider/resources/common/unknown";
import { Sandbox } from "../../sandbox/sandbox";
import { SystemdSandbox } from "../../sandbox/systemd-sandbox";
import { eventually as settles } from "../support/eventually";
import { checkAndCreate, providerIn } from "../support/kernel-provider";

/** Kernel state here settles within seconds: checked every 100 ms, for 10 s. */
const eventually = (assertion: () => Promise<void>) => settles(assertion, 10_000, 100);

let sandbox: SystemdSandbox;
beforeAll(async () => {
    sandbox = await SystemdSandbox.boot();
    await sandbox.sh("ip", "netns", "add", "ns1");
    await sandbox.sh("ip", "-n", "ns1", "link", "set", "lo", "up");
}, 60_000);
afterAll(() => sandbox?.stop());

/** An HTTP server on 127.0.0.1:PORT answering with its uid and $TOKEN. */
const SERVER = [
    "import os, http.server, socketserver, sys",
    "class H(http.server.BaseHTTPRequestHandler):",
    "    def do_GET(self):",
    "        body = ('%d %s' % (os.getuid(), os.environ.get('TOKEN', '-'))).encode()",
    "        self.send_response(200); self.end_headers(); self.wfile.write(body)",
    "print('serving', flush=True)",
    "socketserver.TCPServer.allow_reuse_address = True",
    "socketserver.TCPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()",
].join("\n");
const server = (port: number) => ["python3", "-c", SERVER, String(port)];

const show = async (unit: string, property: string) => (await sandbox.sh("systemctl", "show", unit, `--property=${property}`, "--value")).trim();
const get = async (port: number) =>
    sandbox.sh(
        "ip",
        "netns",
        "exec",
        "ns1",
        "python3",
        "-c",
        `import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:${port}/').read().decode())`,
    );
const exists = async (path: string) => (await sandbox.run(["test", "-e", path])).exitCode === 0;
const netnsOf = async (pid: number) => (await sandbox.sh("readlink", `/proc/${pid}/ns/net`)).trim();
const ns1Inode = async () => `net:[${(await sandbox.sh("stat", "-L", "-c", "%i", "/run/netns/ns1")).trim()}]`;

test("create waits until it listens, runs it in the namespace as a user of its own; update restarts it; delete leaves nothing", async () => {
    const service = providerIn("Service", sandbox.host);
    const { id, outs } = await checkAndCreate(service, {
        name: "web",
        namespace: "ns1",
        command: server(5000),
        environment: { TOKEN: "s3cret one" },
        readyPort: 5000,
    });
    expect(id).toBe("netns-web.service");
    expect(outs).toMatchObject({ unit: "netns-web.service", active: true });
    expect(await show(id, "ActiveState")).toBe("active");
    expect(Number(await show(id, "MainPID"))).toBe(outs.mainPid);
    expect(await netnsOf(outs.mainPid)).toBe(await ns1Inode());
    const [, uid, token] = /^(\d+) (.*)$/.exec((await get(5000)).trim())!;
    expect(token).toBe("s3cret one");
    expect(Number(uid)).toBeGreaterThan(0); // not root: a dynamic user
    expect((await sandbox.sh("ps", "-o", "user=", "-p", String(outs.mainPid))).trim()).toMatch(/^netns-/);

    expect(await service.read(id, outs)).toEqual({ id, props: outs });
    expect((await service.diff(id, outs, { ...outs })).changes).toBe(false);

    const news = { ...outs, environment: { TOKEN: "two" }, user: "root" };
    expect(await service.diff(id, outs, news)).toMatchObject({ changes: true, replaces: [] });
    const { outs: updated } = await service.update(id, outs, news);
    expect(updated.mainPid).not.toBe(outs.mainPid);
    expect((await get(5000)).trim()).toBe("0 two");
    expect((await service.diff(id, updated, { ...updated, namespace: "ns2" })).replaces).toEqual(["namespace"]);

    await service.delete(id, updated);
    expect(await show(id, "LoadState")).toBe("not-found");
    expect(await exists("/etc/systemd/system/netns-web.service")).toBe(false);
    expect(await exists("/etc/pulumi-netns/services/netns-web.service.env")).toBe(false);
    expect((await sandbox.sh("ip", "netns", "pids", "ns1")).trim()).toBe("");
    await service.delete(id, updated); // already gone: success
}, 60_000);

test("systemd restarts a killed program; refresh sees a stopped, failed or missing unit; update starts it again", async () => {
    const service = providerIn("Service", sandbox.host);
    const { id, outs } = await checkAndCreate(service, { name: "drift", namespace: "ns1", command: server(5001), readyPort: 5001 });
    await sandbox.sh("kill", "-9", String(outs.mainPid));
    await eventually(async () => {
        expect(await show(id, "ActiveState")).toBe("active");
        expect(Number(await show(id, "MainPID"))).not.toBe(outs.mainPid);
    });
    expect(Number(await show(id, "NRestarts"))).toBe(1);

    await sandbox.sh("systemctl", "stop", id);
    const { props } = await service.read(id, outs);
    expect(props).toMatchObject({ active: false, inSync: false, mainPid: 0 });
    const diff = await service.diff(id, props!, outs);
    expect(diff).toMatchObject({ changes: true, replaces: [] });
    const { outs: repaired } = await service.update(id, props!, outs);
    expect(repaired).toMatchObject({ active: true, inSync: true });
    expect((await get(5001)).trim()).toMatch(/ -$/);

    // An edited unit file is drift too.
    await sandbox.sh("sed", "-i", "s/^Restart=.*/Restart=no/", "/etc/systemd/system/netns-drift.service");
    await sandbox.sh("systemctl", "daemon-reload");
    expect((await service.read(id, repaired)).props).toMatchObject({ active: true, inSync: false });

    // A unit file removed by hand: drift, and up writes it again.
    await sandbox.sh("systemctl", "stop", id);
    await sandbox.sh("rm", "/etc/systemd/system/netns-drift.service");
    await sandbox.sh("systemctl", "daemon-reload");
    const { props: unitless } = await service.read(id, repaired);
    expect(unitless).toMatchObject({ active: false, inSync: false });
    const { outs: rewritten } = await service.update(id, unitless!, repaired);
    expect(rewritten).toMatchObject({ active: true, inSync: true });
    expect((await get(5001)).trim()).toMatch(/ -$/);

    // Everything removed by hand: gone, and refresh drops it.
    await sandbox.sh("systemctl", "stop", id);
    await sandbox.sh("rm", "/etc/systemd/system/netns-drift.service", "/etc/pulumi-netns/services/netns-drift.service.env");
    await sandbox.sh("systemctl", "daemon-reload");
    expect(await service.read(id, repaired)).toEqual({});
    await service.delete(id, repaired);
}, 60_000);

test("a program that exits or never listens fails create with its state and journal, and leaves nothing", async () => {
    const service = providerIn("Service", sandbox.host);
    await expect(
        checkAndCreate(service, {
            name: "crash",
            namespace: "ns1",
            command: ["python3", "-c", "import sys; print('no config file', flush=True); sys.exit(3)"],
            readyPort: 5002,
        }),
    ).rejects.toThrow(
        /Service "crash": the program (did not start|ended before it listened on port 5002); unit netns-crash.service is .*status 3[\s\S]*no config file/,
    );
    await expect(
        checkAndCreate(service, { name: "mute", namespace: "ns1", command: ["sleep", "600"], readyPort: 5003, readyTimeoutSeconds: 1 }),
    ).rejects.toThrow(/Service "mute": the program did not listen on TCP port 5003 in namespace ns1 within 1 s; unit netns-mute.service is active/);
    await expect(checkAndCreate(service, { name: "missing", namespace: "ns1", command: ["/no/such/program"] })).rejects.toThrow(
        /Service "missing": the program did not start; .*\n[\s\S]*\/no\/such\/program/,
    );
    await expect(checkAndCreate(service, { name: "nowhere", namespace: "nsX", command: ["sleep", "1"] })).rejects.toThrow(
        /Service "nowhere": network namespace "nsX" does not exist on this machine/,
    );
    for (const name of ["crash", "mute", "missing", "nowhere"]) {
        expect(await show(`netns-${name}.service`, "LoadState")).toBe("not-found");
        expect(await exists(`/etc/systemd/system/netns-${name}.service`)).toBe(false);
        expect(await exists(`/etc/pulumi-netns/services/netns-${name}.service.env`)).toBe(false);
    }
    expect(await sandbox.sh("systemctl", "list-units", "--failed", "--plain", "--no-legend")).not.toMatch(/netns-/);
    expect((await sandbox.sh("ip", "netns", "pids", "ns1")).trim()).toBe("");
}, 60_000);

test("a unit of the same name that we did not make is refused, never adopted or stopped", async () => {
    await sandbox.sh("systemd-run", "--unit=netns-theirs", "-p", "NetworkNamespacePath=/run/netns/ns1", "sleep", "600");
    const service = providerIn("Service", sandbox.host);
    await expect(checkAndCreate(service, { name: "theirs", namespace: "ns1", command: ["sleep", "1"] })).rejects.toThrow(
        /Service "theirs": a systemd unit netns-theirs.service with this name already exists on this machine .* loaded from \/run\/systemd\/transient/,
    );
    const state = { name: "theirs", namespace: "ns1", command: ["sleep", "1"], environment: {}, restart: "on-failure", readyTimeoutSeconds: 30 };
    await expect(
        service.delete("netns-theirs.service", { ...state, ownerTag: "000000000000", unit: "netns-theirs.service", mainPid: 1, active: true }),
    ).rejects.toThrow(/not the one this resource created .* left alone/);
    expect(await show("netns-theirs.service", "ActiveState")).toBe("active");
    // Nor another stack's unit of this name (another owner tag).
    const { outs } = await checkAndCreate(service, { name: "ours", namespace: "ns1", command: ["sleep", "600"], ownerTag: "0123456789ab" });
    await expect(checkAndCreate(service, { name: "ours", namespace: "ns1", command: ["sleep", "600"], ownerTag: "ba9876543210" })).rejects.toThrow(
        /did not create it \(it has the owner tag pulumi-netns:0123456789ab/,
    );
    expect(await show("netns-ours.service", "MainPID")).toBe(String(outs.mainPid));
    await service.delete(outs.unit, outs);
    await sandbox.sh("systemctl", "stop", "netns-theirs.service");
}, 60_000);

test("secrets: not in any unit property, nor readable by another user; the environment file is root's alone", async () => {
    const service = providerIn("Service", sandbox.host);
    const secret = "hunter2-\u00e9-secret";
    const { outs } = await checkAndCreate(service, { name: "vault", namespace: "ns1", command: ["sleep", "600"], environment: { TOKEN: secret } });
    const asNobody = (...argv: string[]) => sandbox.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", ...argv]);
    const shown = await asNobody("systemctl", "show", outs.unit);
    expect(shown.exitCode).toBe(0);
    expect(shown.stdout).toMatch(/EnvironmentFiles=\/etc\/pulumi-netns\/services\/netns-vault.service.env/);
    expect(shown.stdout).not.toContain("hunter2");
    expect(await sandbox.sh("systemctl", "cat", outs.unit)).not.toContain("hunter2");
    expect((await asNobody("cat", "/etc/pulumi-netns/services/netns-vault.service.env")).exitCode).not.toBe(0);
    expect((await asNobody("cat", `/proc/${outs.mainPid}/environ`)).exitCode).not.toBe(0);
    expect(await sandbox.sh("stat", "-c", "%a %U", "/etc/pulumi-netns/services", "/etc/pulumi-netns/services/netns-vault.service.env")).toBe(
        "700 root\n600 root",
    );
    expect(await sandbox.sh("cat", `/proc/${outs.mainPid}/environ`)).toContain(`TOKEN=${secret}\0`);
    await service.delete(outs.unit, outs);
}, 60_000);

test("modes do not follow the caller's umask: under umask 0 the unit file is 0644 and the environment file 0600 (issue 31, finding 8)", async () => {
    const service = providerIn("Service", sandbox.host);
    const saved = process.umask(0);
    let outs: Record<string, unknown> & { unit: string };
    try {
        ({ outs } = await checkAndCreate(service, { name: "umask0", namespace: "ns1", command: ["sleep", "600"], environment: { TOKEN: "t" } }));
    } finally {
        process.umask(saved);
    }
    expect(await sandbox.sh("stat", "-c", "%a %U", `/etc/systemd/system/${outs.unit}`, `/etc/pulumi-netns/services/${outs.unit}.env`)).toBe(
        "644 root\n600 root",
    );
    const appended = await sandbox.run([
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "sh",
        "-c",
        `echo ExecStartPre=/bin/true >>/etc/systemd/system/${outs.unit}`,
    ]);
    expect(appended.exitCode).not.toBe(0);
    await service.delete(outs.unit, outs);
}, 60_000);

test("a services directory another user made, with a link planted in it, never receives the environment (issue 31, finding 8)", async () => {
    const service = providerIn("Service", sandbox.host);
    const nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
    const planted = { name: "planted", namespace: "ns1", command: ["sleep", "600"], environment: { TOKEN: "planted-secret" } };
    try {
        // As left by the code before under umask 0: /etc/pulumi-netns open to all, so nobody made services/.
        await sandbox.sh("rm", "-rf", "/etc/pulumi-netns/services");
        await sandbox.sh("mkdir", "-p", "/etc/pulumi-netns");
        await sandbox.sh("chmod", "0777", "/etc/pulumi-netns");
        await sandbox.sh(...nobody, "mkdir", "/etc/pulumi-netns/services");
        await sandbox.sh(...nobody, "ln", "-s", "/tmp/stolen.env", "/etc/pulumi-netns/services/netns-planted.service.env");
        await expect(checkAndCreate(service, planted)).rejects.toThrow(/\/etc\/pulumi-netns may be written by users other than root/);
        // The same directory, its parent since made root's alone again.
        await sandbox.sh("chmod", "0700", "/etc/pulumi-netns");
        await expect(checkAndCreate(service, planted)).rejects.toThrow(/\/etc\/pulumi-netns\/services is owned by user 65534, not root/);
        expect(await exists("/tmp/stolen.env")).toBe(false);
        expect(await exists("/etc/systemd/system/netns-planted.service")).toBe(false);
    } finally {
        await sandbox.sh("rm", "-rf", "/etc/pulumi-netns");
    }
}, 60_000);

test("a runtime unit an earlier version made is ours: refresh sees drift, and the update makes it persistent and enabled", async () => {
    const service = providerIn("Service", sandbox.host);
    const { id, outs } = await checkAndCreate(service, { name: "older", namespace: "ns1", command: ["sleep", "600"], environment: { TOKEN: "t" } });
    // As the version before the boot plan left it: a runtime unit, its environment under /run, not enabled.
    await sandbox.sh(
        "sh",
        "-c",
        [
            "mkdir -p -m 0700 /run/pulumi-netns/services",
            "mv /etc/pulumi-netns/services/netns-older.service.env /run/pulumi-netns/services/",
            "sed 's|/etc/pulumi-netns/services|/run/pulumi-netns/services|' /etc/systemd/system/netns-older.service > /run/systemd/system/netns-older.service",
            "rm /etc/systemd/system/netns-older.service /etc/systemd/system/multi-user.target.wants/netns-older.service",
            "systemctl daemon-reload && systemctl restart netns-older.service",
        ].join(" && "),
    );
    const read = await service.read(id, outs);
    expect(read.props).toMatchObject({ inSync: false });
    await service.update(id, read.props!, { ...outs });
    expect(await show(id, "FragmentPath")).toBe("/etc/systemd/system/netns-older.service");
    expect((await sandbox.sh("systemctl", "is-enabled", id)).trim()).toBe("enabled");
    expect(await exists("/run/systemd/system/netns-older.service")).toBe(false);
    expect(await exists("/run/pulumi-netns/services/netns-older.service.env")).toBe(false);
    expect((await service.read(id, outs)).props).toMatchObject({ inSync: true, active: true });
    await service.delete(id, outs);
    expect(await exists("/etc/systemd/system/netns-older.service")).toBe(false);
}, 60_000);

test("hostile arguments and environment values arrive exactly (spaces, $, %, quotes, backslashes, newlines)", async () => {
    const service = providerIn("Service", sandbox.host);
    const hostile = fc.string({
        unit: fc.constantFrom("a", " ", "$", "%", '"', "'", "\\", "\n", "\t", ";", "`", "{", "é", "\r", "x", "%n", ["$", "{A}"].join("")),
    });
    const report =
        "import json, os, sys; json.dump({'argv': sys.argv[1:], 'env': {k: v for k, v in os.environ.items() if k.startswith('V')}}, open('/run/netns-args/out', 'w'))";
    await sandbox.sh("install", "-d", "-m", "0777", "/run/netns-args");
    for (const [round, [words, values]] of fc.sample(fc.tuple(fc.array(hostile, { maxLength: 12 }), fc.array(hostile, { maxLength: 8 })), 4).entries()) {
        const environment = Object.fromEntries(values.map((v, i) => [`V${i}`, v]));
        const name = `args${round}`;
        const { outs } = await checkAndCreate(service, {
            name,
            namespace: "ns1",
            user: "root",
            restart: "no",
            command: ["python3", "-c", `${report}; import time; time.sleep(600)`, ...words],
            environment,
        });
        await eventually(async () => expect(await exists("/run/netns-args/out")).toBe(true));
        await eventually(async () => expect(JSON.parse(await sandbox.sh("cat", "/run/netns-args/out"))).toEqual({ argv: words, env: environment }));
        await service.delete(outs.unit, outs);
        await sandbox.sh("rm", "/run/netns-args/out");
    }
}, 120_000);

test("a machine whose PID 1 is not systemd is refused at preview and at create, with nothing made", async () => {
    const plain = await Sandbox.start();
    try {
        await plain.sh("ip", "netns", "add", "ns1");
        const service = providerIn("Service", plain.host);
        const inputs = { ownerTag: "0123456789ab", name: "web", namespace: "ns1", command: ["sleep", "1"] };
        expect((await service.check({}, inputs)).failures).toEqual([
            { property: "connection", reason: expect.stringMatching(/^Service needs systemd as PID 1 on this machine \(systemctl is-system-running: offline/) },
        ]);
        // At a first preview the namespace is still unknown (ns1.name): the machine alone decides.
        expect((await service.check({}, { ...inputs, namespace: UNKNOWN })).failures).toEqual([
            { property: "connection", reason: expect.stringMatching(/^Service needs systemd as PID 1 on this machine/) },
        ]);
        await expect(service.create(inputs)).rejects.toThrow(/Service "web": Service needs systemd as PID 1 on this machine/);
        expect((await plain.run(["test", "-e", "/etc/pulumi-netns/services/netns-web.service.env"])).exitCode).not.toBe(0);
    } finally {
        await plain.stop();
    }
}, 60_000);

// Issue 31's combined check, YAML through the plugin on a machine whose PID 1 is systemd: secrets
// of a Service's environment stay secret in state and in `preview --diff`; a refusal names the
// field and the rule, never the secret; the derived dynamic user runs on the real systemd; the
// forwarding lock and owner records are out of an unprivileged user's reach.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PulumiProject } from "../../sandbox/pulumi-project";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(300_000);

const TOKEN = "config-secret-3a9f";
const OTHER = "other-secret-7c1e";

let preview = "";
const stack = useSandboxedStack("test/programs/trust-yaml", {
    systemd: true,
    ready: async ({ project }) => {
        await project.ok("config", "set", "--secret", "token", { input: TOKEN });
        preview = (await project.ok("preview", "--diff")).stdout;
        await project.up();
    },
});

const exported = async () => (await stack.project.ok("stack", "export")).stdout;
const show = async (property: string) => (await stack.sandbox.sh("systemctl", "show", "netns-web.api.service", `--property=${property}`, "--value")).trim();

test("the Service runs as its derived dynamic user (netns--<digest>), with its environment", async () => {
    expect(await show("ActiveState")).toBe("active");
    const pid = await show("MainPID");
    expect((await stack.sandbox.sh("ps", "-o", "user=", "-p", pid)).trim()).toMatch(/^netns--[0-9a-f]{12}$/);
    const environ = await stack.sandbox.sh("cat", `/proc/${pid}/environ`);
    expect(environ).toContain(`API_TOKEN=${TOKEN}`);
    expect(environ).toContain(`OTHER_TOKEN=${OTHER}`);
});

test("the secrets are in neither the preview nor the state, before and after refresh", async () => {
    expect(preview).toMatch(/netns:index:Service/);
    for (const secret of [TOKEN, OTHER]) {
        expect(preview).not.toContain(secret);
        expect(await exported()).not.toContain(secret);
    }
    await stack.project.ok("refresh", "--yes", "--skip-preview");
    const diff = (await stack.project.ok("preview", "--diff")).stdout;
    for (const secret of [TOKEN, OTHER]) {
        expect(diff).not.toContain(secret);
        expect(await exported()).not.toContain(secret);
    }
});

/** A second stack of the project, for programs that are refused at preview (nothing made). */
let refused: PulumiProject | undefined;
afterAll(() => refused?.dispose());

/** A program of one resource that is refused (the engine stops at the first refusal). */
const refusedProgram = (type: string, properties: string) =>
    `name: trust-yaml\nruntime: yaml\nresources:\n    refused:\n        type: ${type}\n        properties:\n${properties}`;

test.each([
    [
        "a bad variable name under the secret environment",
        refusedProgram(
            "netns:Service",
            "            namespace: ns1\n            command: [/bin/true]\n            environment:\n                API-TOKEN:\n                    fn::secret: secret-in-error-5d2b\n",
        ),
        "environment.API-TOKEN: the name must be a variable name",
    ],
    [
        "a value that arrived secret",
        refusedProgram("netns:Bridge", "            name:\n                fn::secret: secret-in-error-5d2b-far-too-long\n"),
        "name: ",
    ],
    [
        "a password of the wrong type",
        refusedProgram("netns:Namespace", "            connection:\n                host: 192.0.2.1\n                password: 52025\n"),
        "connection.password: Invalid input: expected string, received number",
    ],
])("a refusal names the field and the rule, never the secret: %s", async (_what, program, reason) => {
    refused ??= await PulumiProject.create(stack.sandbox, "test/programs/trust-yaml");
    await writeFile(join(refused.dir, "Pulumi.yaml"), program);
    const r = await refused.pulumi("preview", "--diff");
    const text = r.stdout + r.stderr;
    expect(r.exitCode).not.toBe(0);
    expect(text).toContain(`has a problem: ${reason}`);
    expect(text).not.toContain("secret-in-error");
    expect(text).not.toContain("52025");
});

test("the forwarding lock and owner records are out of an unprivileged user's reach", async () => {
    const asNobody = (argv: string[]) => stack.sandbox.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", ...argv]);
    expect((await stack.sandbox.sh("stat", "-c", "%a %U", "/run/pulumi-netns")).trim()).toBe("700 root");
    // A lock a local user could hold would stop every forwarding change; a record they could write would forge an owner.
    expect((await asNobody(["flock", "-n", "-x", "/run/pulumi-netns/switches.lock", "true"])).exitCode).not.toBe(0);
    expect((await asNobody(["ls", "/run/pulumi-netns/switches"])).exitCode).not.toBe(0);
    expect((await asNobody(["touch", "/run/pulumi-netns/switches/forged"])).exitCode).not.toBe(0);
});

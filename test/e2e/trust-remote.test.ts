// Trust on first use is per machine, through the real CLI and the plugin: a stack made a namespace
// on a machine it reaches with a password and no pinned key; then an impostor (another host key,
// the same login and password) answers at the machine's address, and the program gains a second
// namespace. The new resource is held to the key the stack recorded: refused before any password
// is sent, nothing made; with the machine back, it is made.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { MGMT } from "../../sandbox/link";
import { type SshServer, SUDO_USER, SUDO_USER_PASSWORD, startSshServer } from "../../sandbox/ssh-server";
import { useRemoteStack } from "../support/remote-stack";

jest.setTimeout(300_000);

const stack = useRemoteStack("test/programs/trust-remote", async ({ project }) => {
    await project.ok("config", "set", "--path", "netns:connection.host", MGMT.remoteAddress);
    await project.ok("config", "set", "--path", "netns:connection.user", SUDO_USER);
    await project.ok("config", "set", "--path", "netns:connection.sudo", "true");
    await project.ok("config", "set", "--path", "--secret", "netns:connection.password", { input: SUDO_USER_PASSWORD });
    await project.up();
});

/** The program with a second namespace, made after the first (as resources on one machine usually are). */
const withSecond = `name: trust-remote
runtime: yaml
resources:
    known1:
        type: netns:Namespace
    known2:
        type: netns:Namespace
        options:
            dependsOn:
                - \${known1}
`;

let impostor: SshServer | undefined;
afterAll(() => impostor?.dispose());

test("a new resource on a machine the stack knows is held to its recorded key: an impostor there gets no password", async () => {
    expect(await stack.remote.sh("ip", "netns", "list")).toMatch(/^known1\b/m);
    await stack.server.stop();
    impostor = await startSshServer(stack.remote, MGMT.remoteAddress, 22);
    await writeFile(join(stack.project.dir, "Pulumi.yaml"), withSecond);

    const up = await stack.project.pulumi("up", "--yes", "--skip-preview");
    expect(up.exitCode).not.toBe(0);
    expect(up.stdout + up.stderr).toMatch(/known2.*host key refused: the server presented SHA256:\S+, but connection\.hostKey .* no command was run/s);
    expect((await impostor.log()).match(/(Accepted|Failed) password for/g) ?? []).toEqual([]);
    expect(await stack.remote.sh("ip", "netns", "list")).not.toMatch(/known2/);

    // The machine back at its address: the same up makes the second namespace.
    await impostor.stop(); // its login's home stays until the end: the sandbox's passwd now names it
    await stack.server.start();
    await stack.project.up();
    expect(await stack.remote.sh("ip", "netns", "list")).toMatch(/^known2\b/m);
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.remote.snapshot()).toEqual(stack.remoteBefore);
});

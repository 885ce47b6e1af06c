// Points a program's `connection` config at a sandbox's sshd: address, pinned host key, and the
// client key as a secret (through stdin, never argv).
import { MGMT } from "./link";
import type { PulumiProject } from "./pulumi-project";
import type { SshServer } from "./ssh-server";

export async function configureConnection(project: PulumiProject, server: SshServer, extra: Record<string, string> = {}): Promise<void> {
    await project.ok("config", "set", "--path", "connection.host", MGMT.remoteAddress);
    await project.ok("config", "set", "--path", "connection.hostKey", server.hostKey);
    await project.ok("config", "set", "--path", "--secret", "connection.privateKey", { input: server.privateKey });
    for (const [key, value] of Object.entries(extra)) {
        await project.ok("config", "set", "--path", `connection.${key}`, value);
    }
}

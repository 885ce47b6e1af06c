// The frame of an SSH e2e test file: a "remote machine" sandbox (with its outside world and a
// real sshd) and a "control machine" sandbox running the Pulumi CLI, joined by one cable.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cableSandboxes, MGMT } from "../../sandbox/link";
import { PulumiProject } from "../../sandbox/pulumi-project";
import { configureConnection as configure } from "../../sandbox/remote-config";
import { Sandbox, type SandboxSnapshot } from "../../sandbox/sandbox";
import { type SshServer, startSshServer } from "../../sandbox/ssh-server";
import { SystemdSandbox } from "../../sandbox/systemd-sandbox";
import { buildWorld } from "../../sandbox/world";

export interface RemoteStack {
    remote: Sandbox;
    control: Sandbox;
    server: SshServer;
    project: PulumiProject;
    remoteBefore: SandboxSnapshot;
    controlBefore: SandboxSnapshot;
}

/** Connection config for the stack's program: the remote's sshd, its host key, the client key. */
export const configureConnection = (stack: RemoteStack, extra: Record<string, string> = {}): Promise<void> => configure(stack.project, stack.server, extra);

/** With `systemd`, the remote machine's PID 1 is systemd (for Services). */
export function useRemoteStack(program: string, ready?: (stack: RemoteStack) => Promise<void>, options: { systemd?: boolean } = {}): RemoteStack {
    const stack = {} as RemoteStack;
    let shared: string | undefined;
    beforeAll(async () => {
        // A systemd sandbox sees this machine's files read-only: its sshd's keys go in the one directory it shares.
        shared = options.systemd ? await mkdtemp(join(tmpdir(), "pulumi-netns-remote-")) : undefined;
        stack.remote = shared ? await SystemdSandbox.boot(shared) : await Sandbox.start();
        await buildWorld(stack.remote);
        stack.control = await Sandbox.start();
        await cableSandboxes(stack.remote, stack.control);
        stack.server = await startSshServer(stack.remote, MGMT.remoteAddress, 22, { base: shared });
        stack.remoteBefore = await stack.remote.snapshot();
        stack.controlBefore = await stack.control.snapshot();
        stack.project = await PulumiProject.create(stack.control, program);
        await ready?.(stack);
    });
    afterAll(async () => {
        await stack.project?.dispose();
        await stack.server?.dispose();
        await stack.control?.stop();
        await stack.remote?.stop();
        if (shared) {
            await rm(shared, { recursive: true, force: true });
        }
    });
    return stack;
}

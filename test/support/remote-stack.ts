// The frame of an SSH e2e test file: a "remote machine" sandbox (with its outside world and a
// real sshd) and a "control machine" sandbox running the Pulumi CLI, joined by one cable.
import { cableSandboxes, MGMT } from "../../sandbox/link";
import { PulumiProject } from "../../sandbox/pulumi-project";
import { configureConnection as configure } from "../../sandbox/remote-config";
import { Sandbox, type SandboxSnapshot } from "../../sandbox/sandbox";
import { type SshServer, startSshServer } from "../../sandbox/ssh-server";
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

export function useRemoteStack(program: string, ready?: (stack: RemoteStack) => Promise<void>): RemoteStack {
    const stack = {} as RemoteStack;
    beforeAll(async () => {
        stack.remote = await Sandbox.start();
        await buildWorld(stack.remote);
        stack.control = await Sandbox.start();
        await cableSandboxes(stack.remote, stack.control);
        stack.server = await startSshServer(stack.remote, MGMT.remoteAddress);
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
    });
    return stack;
}

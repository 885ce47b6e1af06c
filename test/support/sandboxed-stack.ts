// The common frame of an e2e test file: a sandbox (optionally with its outside world), a snapshot
// of it, and a copy of a Pulumi program with a stack, all torn down after the file's tests.
import { PulumiProject, STATE_DIR } from "../../sandbox/pulumi-project";
import { Sandbox, type SandboxSnapshot } from "../../sandbox/sandbox";
import { SystemdSandbox } from "../../sandbox/systemd-sandbox";
import { buildWorld } from "../../sandbox/world";

export interface SandboxedStack {
    sandbox: Sandbox;
    project: PulumiProject;
    /** The sandbox as it was before the stack existed. */
    before: SandboxSnapshot;
}

export interface StackOptions {
    /** Build the wan, the client and the host's uplink first. */
    world?: boolean;
    /** A sandbox whose PID 1 is systemd (for Services), sharing only the repo's .state with this machine. */
    systemd?: boolean;
    /** Changes the sandbox before its snapshot is taken (e.g. a FORWARD DROP policy). */
    prepare?: (sandbox: Sandbox) => Promise<void>;
    /** Runs once the stack exists (e.g. a first `up`). */
    ready?: (stack: SandboxedStack) => Promise<void>;
}

export function useSandboxedStack(program: string, options: StackOptions = {}): SandboxedStack {
    const stack = {} as SandboxedStack;
    beforeAll(async () => {
        stack.sandbox = options.systemd ? await SystemdSandbox.boot(STATE_DIR) : await Sandbox.start();
        if (options.world) {
            await buildWorld(stack.sandbox);
        }
        await options.prepare?.(stack.sandbox);
        stack.before = await stack.sandbox.snapshot();
        stack.project = await PulumiProject.create(stack.sandbox, program);
        await options.ready?.(stack);
    });
    afterAll(async () => {
        await stack.project?.dispose();
        await stack.sandbox?.stop();
    });
    return stack;
}

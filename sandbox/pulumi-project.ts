// Runs a copy of an example program with the real Pulumi CLI inside a sandbox, on a private
// file backend, so e2e tests run in parallel and leave nothing behind.
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { loadExeca } from "../provider/host/load-execa";
import type { Sandbox } from "./sandbox";

const repo = join(__dirname, "..", "..");
/** Where projects, their backends and PULUMI_HOME live: the one directory a systemd sandbox shares. */
export const STATE_DIR = join(repo, ".state");

export interface RunOptions {
    dropNetAdmin?: boolean;
    path?: string;
    /** Standard input, e.g. a secret for `config set` that must not appear in argv. */
    input?: string;
}

export interface PulumiResult {
    exitCode: number;
    stdout: string;
    stderr: string;
}

/** Counts per operation of one update, as `pulumi stack history` records them. */
export type ResourceChanges = Partial<Record<"create" | "update" | "replace" | "delete" | "same", number>>;

export class PulumiProject {
    /** Extra environment for every `pulumi` command of this project (e.g. PULUMI_NETNS_TRACE). */
    readonly environment: Record<string, string> = {};

    private constructor(
        readonly dir: string,
        private readonly sandbox: Sandbox,
        readonly backend: string,
    ) {}

    /**
     * Copies a program (a path inside the repo, e.g. "examples/quickstart") under the repo's .state,
     * so it resolves the repo's node_modules, and makes a stack. With `sharing`, the stack lives in
     * that project's backend, where the two can reference each other's outputs.
     */
    static async create(sandbox: Sandbox, program: string, stack = "test", sharing?: PulumiProject): Promise<PulumiProject> {
        const dir = await mkdtemp(join(repo, ".state", `run-${basename(program)}-`));
        await cp(join(repo, program), dir, {
            recursive: true,
            filter: (src) => !/Pulumi\.[^/]+\.yaml$/.test(src) || src.endsWith("Pulumi.yaml"),
        });
        const backend = sharing?.backend ?? join(dir, ".backend");
        await mkdir(backend, { recursive: true });
        const project = new PulumiProject(dir, sandbox, backend);
        await project.ok("stack", "init", stack);
        return project;
    }

    /**
     * A project in a directory of its own (e.g. one a user made with `pulumi new`, outside the
     * repo), with its state in `backend`; its stacks are made by whoever made the project.
     */
    static async at(sandbox: Sandbox, dir: string, backend: string): Promise<PulumiProject> {
        await mkdir(backend, { recursive: true });
        return new PulumiProject(dir, sandbox, backend);
    }

    /** The same project and backend, run in another sandbox (the same machine after a reboot). */
    on(sandbox: Sandbox): PulumiProject {
        const moved = new PulumiProject(this.dir, sandbox, this.backend);
        Object.assign(moved.environment, this.environment);
        return moved;
    }

    /**
     * Runs `pulumi ARGS` inside the sandbox; never throws on a non-zero exit. A last argument
     * `{ dropNetAdmin: true }` runs it as root without CAP_NET_ADMIN; `{ path }` replaces PATH;
     * `{ input }` is its standard input.
     */
    async pulumi(...args: (string | RunOptions)[]): Promise<PulumiResult> {
        const { execa } = await loadExeca();
        const options = args.find((a): a is RunOptions => typeof a === "object") ?? {};
        const drop = options.dropNetAdmin === true;
        const words = args.filter((a): a is string => typeof a === "string");
        const setpriv = drop ? ["setpriv", "--inh-caps=-net_admin", "--bounding-set=-net_admin", "--"] : [];
        const argv = this.argv(words, setpriv);
        const r = await execa(argv[0], argv.slice(1), {
            reject: false,
            ...(options.input === undefined ? { stdin: "ignore" as const } : { input: options.input }),
            env: { ...this.env(), ...(options.path ? { PATH: options.path } : {}) },
        });
        return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
    }

    /** Runs any command in the project's directory inside the sandbox, with the project's Pulumi environment. */
    async command(argv: string[]): Promise<PulumiResult> {
        const { execa } = await loadExeca();
        const full = [...this.sandbox.enterArgv(this.dir), ...argv];
        const r = await execa(full[0], full.slice(1), { reject: false, stdin: "ignore", env: this.env() });
        return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
    }

    /** Starts `pulumi ARGS` in its own process group, so the whole of it can be killed at once. */
    async start(...args: string[]): Promise<{ pid: number; done: Promise<unknown> }> {
        const { execa } = await loadExeca();
        const argv = this.argv(args);
        const child = execa(argv[0], argv.slice(1), {
            reject: false,
            stdin: "ignore",
            detached: true,
            env: this.env(),
        });
        return { pid: child.pid!, done: child };
    }

    /** `pulumi WORDS` entered into the sandbox at the project's directory, after an optional wrapper. */
    private argv(words: string[], wrapper: string[] = []): string[] {
        return [...this.sandbox.enterArgv(this.dir), ...wrapper, "pulumi", ...words, "--non-interactive", "--color=never"];
    }

    private env(): Record<string, string> {
        return {
            // Go's getwd trusts $PWD; without it, a directory made after the sandbox is unreachable.
            PWD: this.dir,
            PULUMI_BACKEND_URL: `file://${this.backend}`,
            PULUMI_CONFIG_PASSPHRASE: "",
            ...this.environment,
        };
    }

    /** Runs and fails the test with pulumi's own output when it fails. */
    async ok(...args: (string | RunOptions)[]): Promise<PulumiResult> {
        const r = await this.pulumi(...args);
        if (r.exitCode !== 0) {
            throw new Error(`pulumi ${args.filter((a) => typeof a === "string").join(" ")} failed (exit ${r.exitCode}):\n${r.stdout}\n${r.stderr}`);
        }
        return r;
    }

    async setConfig(values: Record<string, string>): Promise<void> {
        for (const [key, value] of Object.entries(values)) {
            await this.ok("config", "set", key, value);
        }
    }

    up(...extra: string[]): Promise<PulumiResult> {
        return this.ok("up", "--yes", "--skip-preview", ...extra);
    }

    async outputs(): Promise<Record<string, unknown>> {
        return JSON.parse((await this.ok("stack", "output", "--json", "--show-secrets")).stdout);
    }

    /** What the newest update did, per operation ("same" included). */
    async lastChanges(): Promise<ResourceChanges> {
        const history = JSON.parse((await this.ok("stack", "history", "--json", "--show-secrets")).stdout);
        return history[0].resourceChanges ?? {};
    }

    /** The URN types of the resources in state. */
    async resourceTypes(): Promise<string[]> {
        const state = JSON.parse((await this.ok("stack", "export")).stdout);
        return (state.deployment.resources ?? []).map((r: { type: string }) => r.type);
    }

    /** Destroys what is left (best effort) and removes the copy and its backend. */
    async dispose(): Promise<void> {
        await this.pulumi("destroy", "--yes", "--skip-preview");
        await rm(this.dir, { recursive: true, force: true });
    }
}

/** One engine step as the event stream records it. */
export interface EngineStep {
    op: string;
    urn: string;
}

/** The resource steps of an update, in the order the engine started them (from `up --json`). */
export function stepsFromEventLog(log: string): EngineStep[] {
    return log
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line))
        .filter((e) => e.resourcePreEvent)
        .map((e) => ({ op: e.resourcePreEvent.metadata.op, urn: e.resourcePreEvent.metadata.urn }));
}

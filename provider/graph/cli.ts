#!/usr/bin/env node
// `pulumi-netns graph`: draws a stack's network from its state, or a machine's as it is now. The
// entry of the `pulumi-netns` command: `forwarding` (provider/cli/forwarding.ts) is its other verb.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { connectionFrom } from "../cli/connection-arg";
import { forwarding } from "../cli/forwarding";
import { readConnection } from "../cli/read-connection";
import { stackState } from "../cli/stack-state";
import { LocalHost } from "../host/local-host";
import { onMachine } from "../host/one-off";
import { importCommand } from "../import/cli";
import { toDot, toMermaid } from "./formats";
import { topologyFromLive } from "./from-live";
import { topologyFromState } from "./from-state";
import type { Topology } from "./topology";

const USAGE = `Usage: pulumi-netns graph [source] [--format mermaid|dot|svg|png] [--output FILE]

Sources (one):
  (none)              the current stack's state, from \`pulumi stack export --show-secrets\`
  --stack NAME        that stack's state
  --file PATH | -     a \`pulumi stack export\` file, or standard input
  --live              this machine as it is now (objects pulumi-netns owns are marked)
  --live --connection-file FILE
                      a remote machine over SSH, with a resource's connection fields as JSON
                      in FILE ("-": standard input), e.g. {"host":"10.0.0.5","user":"root",
                      "privateKey":"..."}; or in the PULUMI_NETNS_CONNECTION variable. Not on
                      the command line: every local user can read a command's arguments.

svg and png are rendered by Graphviz (\`dot\`); png needs --output.

Also: pulumi-netns forwarding list|drop (the owner records of the forwarding switches; --help),
      pulumi-netns import (writes the program that adopts what was set up by hand; --help).`;

const FORMATS = ["mermaid", "dot", "svg", "png"] as const;

const liveTopology = (connection: unknown): Promise<Topology> => onMachine(connection, topologyFromLive);

/** Graphviz renders the DOT text; png goes straight to its file (binary output). */
async function render(dot: string, format: "svg" | "png", output: string | undefined): Promise<string> {
    const host = new LocalHost();
    const argv = format === "svg" ? ["dot", "-Tsvg"] : ["dot", "-Tpng", "-o", output!];
    const result = await host.run(argv, { input: dot });
    if (result.exitCode !== 0) {
        throw new Error(`dot -T${format} failed: ${result.stderr.trim()}`);
    }
    return result.stdout;
}

export async function graph(argv: string[]): Promise<void> {
    const { values } = parseArgs({
        args: argv,
        options: {
            stack: { type: "string" },
            file: { type: "string" },
            live: { type: "boolean", default: false },
            connection: { type: "string" },
            "connection-file": { type: "string" },
            format: { type: "string", default: "mermaid" },
            output: { type: "string" },
            help: { type: "boolean", default: false },
        },
    });
    if (values.help) {
        console.log(USAGE);
        return;
    }
    const format = FORMATS.find((f) => f === values.format);
    if (!format) {
        throw new Error(`--format must be one of ${FORMATS.join(", ")}, not "${values.format}"`);
    }
    if (format === "png" && !values.output) {
        throw new Error("--format png needs --output FILE");
    }
    if (values.connection !== undefined) {
        // Refused without quoting it: it may hold a key or a password.
        throw new Error(
            "--connection is no longer taken: every local user can read a command's arguments. Put the connection's JSON in a file for --connection-file FILE, or in PULUMI_NETNS_CONNECTION",
        );
    }
    if (values["connection-file"] !== undefined && !values.live) {
        throw new Error("--connection-file goes with --live (a stack's state already names its machines)");
    }
    if (values["connection-file"] === "-" && values.file === "-") {
        throw new Error("--file - and --connection-file - cannot both read standard input");
    }
    const topology = values.live
        ? await liveTopology(await connectionFrom(values["connection-file"], readConnection))
        : topologyFromState(await stackState(values.stack, values.file));
    const text = format === "mermaid" ? toMermaid(topology) : format === "dot" ? toDot(topology) : await render(toDot(topology), format, values.output);
    if (format === "png") {
        return;
    }
    if (values.output) {
        await writeFile(values.output, text);
    } else {
        process.stdout.write(text);
    }
}

async function main(): Promise<void> {
    const [command, ...rest] = process.argv.slice(2);
    if (command !== "graph" && command !== "forwarding" && command !== "import") {
        console.error(USAGE);
        process.exitCode = 2;
        return;
    }
    try {
        if (command === "graph") {
            await graph(rest);
        } else if (command === "import") {
            process.stdout.write(await importCommand(rest, onMachine));
        } else {
            process.stdout.write(await forwarding(rest, onMachine));
        }
    } catch (err) {
        console.error(`pulumi-netns ${command}: ${(err as Error).message}`);
        process.exitCode = 1;
    }
}

if (require.main === module) {
    void main();
}

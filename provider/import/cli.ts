// `pulumi-netns import`: reads a machine (this one, or one over SSH) and writes the program that
// adopts what no stack owns. Reads only: nothing on the machine changes.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { connectionFrom } from "../cli/connection-arg";
import { readConnection } from "../cli/read-connection";
import type { Host } from "../host/host";
import type { ProgramModel } from "./model";
import { planImport } from "./plan";
import { readSnapshot } from "./snapshot";
import { writeGo } from "./write-go";
import { writePython } from "./write-python";
import { writeTypescript } from "./write-typescript";
import { writeYaml } from "./write-yaml";

export const IMPORT_USAGE = `Usage: pulumi-netns import [--language typescript|yaml|python|go] [--out FILE]
                           [--project NAME] [--connection-file FILE]

Reads the machine and writes a program declaring every object pulumi-netns can manage that no
stack owns: namespaces, bridges, veth pairs, routes in namespaces, forwarding, and the nat
table's MASQUERADE and DNAT rules of the shapes MasqueradeRule and PortForward make. Each
resource sets adopt: true: the first \`pulumi up\` takes the objects over in place. What it leaves
alone (the uplink, Docker's networks and chains, rules it cannot express) is listed in comments.
Nothing on the machine changes.

  --language   typescript (index.ts, the default), yaml (a whole Pulumi.yaml), python
               (__main__.py) or go (main.go)
  --out FILE   write there instead of standard output
  --project    the project name of the yaml program (default: netns-adopted)
  --connection-file FILE
               a remote machine over SSH, with a resource's connection fields as JSON in FILE
               ("-": standard input); or in the PULUMI_NETNS_CONNECTION variable`;

const LANGUAGES = ["typescript", "yaml", "python", "go"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The program text for a language. */
export function writeProgram(model: ProgramModel, language: Language, project = "netns-adopted"): string {
    switch (language) {
        case "typescript":
            return writeTypescript(model);
        case "yaml":
            return writeYaml(model, project);
        case "python":
            return writePython(model);
        case "go":
            return writeGo(model);
    }
}

/** Runs the command; returns what goes to standard output. */
export async function importCommand(argv: string[], onMachine: <T>(connection: unknown, op: (host: Host) => Promise<T>) => Promise<T>): Promise<string> {
    const { values } = parseArgs({
        args: argv,
        options: {
            language: { type: "string", default: "typescript" },
            out: { type: "string" },
            project: { type: "string", default: "netns-adopted" },
            "connection-file": { type: "string" },
            help: { type: "boolean", default: false },
        },
    });
    if (values.help) {
        return `${IMPORT_USAGE}\n`;
    }
    const language = LANGUAGES.find((l) => l === values.language);
    if (!language) {
        throw new Error(`--language must be one of ${LANGUAGES.join(", ")}, not "${values.language}"`);
    }
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(values.project)) {
        throw new Error("--project must be 1-100 characters of letters, digits, '_', '.' and '-'");
    }
    const connection = await connectionFrom(values["connection-file"], readConnection);
    const snapshot = await onMachine(connection, readSnapshot);
    const text = writeProgram(planImport(snapshot, { remote: connection !== undefined }), language, values.project);
    if (values.out) {
        await writeFile(values.out, text);
        return "";
    }
    return text;
}

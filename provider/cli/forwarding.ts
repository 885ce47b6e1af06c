// `pulumi-netns forwarding`: the owner records of the forwarding switches on a machine (which
// stacks' SysctlForward resources hold forwarding on, in which network namespace), and a way to
// drop one whose stack is gone.
import { parseArgs } from "node:util";
import { stackResources } from "../graph/stack-resources";
import type { Host } from "../host/host";
import { printable } from "../host/limits";
import { SwitchOwners } from "../linux/switch-owners";
import { type OwnerRecord, SWITCH_KEYS } from "../linux/switch-owners-argv";
import { connectionFrom } from "./connection-arg";
import { readConnection } from "./read-connection";
import { stackState } from "./stack-state";

export const FORWARDING_USAGE = `Usage: pulumi-netns forwarding list [--stack NAME | --file PATH] [--connection-file FILE]
       pulumi-netns forwarding drop TAG [--switch KEY] [--connection-file FILE]

list   every owner record of the forwarding switches on the machine: the switch, the owner tag,
       the stack and resource that made it, the value found before the first owner, and the
       network namespace it holds (this one, or another one sharing /run/pulumi-netns);
       with --stack NAME (or --file, a \`pulumi stack export\`; "-": standard input) only the
       records of that stack's SysctlForwards, whichever door made them (TypeScript, or YAML,
       Python and Go through the plugin)
drop   gives up owner TAG in this network namespace, as its resource's destroy would: when it was
       the last owner, the value found before the first comes back (if the switch still holds 1).
       --switch net.ipv4.ip_forward or net.ipv6.conf.all.forwarding (default: both)

The machine is this one, or the one a resource's connection fields name (JSON) in
--connection-file FILE ("-": standard input) or in the PULUMI_NETNS_CONNECTION variable.`;

/** Where a record's namespace is, said for a person. */
function whereOf(record: OwnerRecord, self: string): string {
    if (record.here) {
        return "this namespace";
    }
    if (!record.namespace) {
        return "older layout (moves to the namespace that next changes it)";
    }
    const boot = (dir: string) => dir.split("-").slice(2).join("-");
    return boot(record.namespace) === boot(self) ? `another namespace (${record.namespace})` : `a previous boot (${record.namespace})`;
}

/** The listing as a table, one owner a line. */
export function formatOwners(listed: { self: string; owners: OwnerRecord[] }): string {
    if (listed.owners.length === 0) {
        return "No owner records: no SysctlForward holds forwarding on this machine.\n";
    }
    const rows = [
        ["SWITCH", "OWNER", "STACK", "RESOURCE", "BEFORE", "NAMESPACE"],
        ...listed.owners.map((o) => [
            o.switch,
            o.tag,
            printable(o.name?.stack ?? "(not recorded)"),
            printable(o.name?.resource ?? "(not recorded)"),
            o.previous === undefined ? "-" : String(o.previous),
            whereOf(o, listed.self),
        ]),
    ];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    return `${rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ")).join("\n")}\n`;
}

/** Runs an operation on the machine a connection names (absent: this one). */
export type OnMachine = <T>(connection: unknown, op: (host: Host) => Promise<T>) => Promise<T>;

/** Runs `forwarding ARGS`; returns what to print. */
export async function forwarding(argv: string[], onMachine: OnMachine): Promise<string> {
    const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
            switch: { type: "string" },
            stack: { type: "string" },
            file: { type: "string" },
            "connection-file": { type: "string" },
            help: { type: "boolean", default: false },
        },
    });
    if (values.help) {
        return `${FORWARDING_USAGE}\n`;
    }
    if (values.file === "-" && values["connection-file"] === "-") {
        throw new Error("--file - and --connection-file - cannot both read standard input");
    }
    const ofStack = values.stack !== undefined || values.file !== undefined ? stackOwnerTags(await stackState(values.stack, values.file)) : undefined;
    const connection = await connectionFrom(values["connection-file"], readConnection);
    return onMachine(connection, (host) => onHost(host, positionals, values.switch, ofStack));
}

/** The owner tags of a stack's SysctlForwards (either door); a stack with none is an error that says so. */
export function stackOwnerTags(state: unknown): ReadonlySet<string> {
    const forwards = stackResources(state).filter((r) => r.kind === "SysctlForward");
    if (forwards.length === 0) {
        throw new Error("the stack has no SysctlForward: none of the machine's owner records can be its");
    }
    return new Set(forwards.map((r) => r.outputs.ownerTag).filter((t): t is string => typeof t === "string"));
}

async function onHost(host: Host, positionals: string[], only: string | undefined, ofStack?: ReadonlySet<string>): Promise<string> {
    const [command, tag, ...extra] = positionals;
    const owners = new SwitchOwners(host);
    if (command === "list" && tag === undefined) {
        const listed = await owners.list();
        return formatOwners(ofStack ? { ...listed, owners: listed.owners.filter((o) => ofStack.has(o.tag)) } : listed);
    }
    if (command !== "drop" || tag === undefined || extra.length > 0) {
        throw new Error(`expected "list" or "drop TAG"\n${FORWARDING_USAGE}`);
    }
    if (!/^[0-9a-f]{12}$/.test(tag)) {
        throw new Error(`an owner tag is 12 hex digits (as \`pulumi-netns forwarding list\` shows them), not "${printable(tag)}"`);
    }
    const keys = only === undefined ? [...SWITCH_KEYS] : SWITCH_KEYS.filter((k) => k === only);
    if (keys.length === 0) {
        throw new Error(`--switch must be one of ${SWITCH_KEYS.join(", ")}`);
    }
    const held = (await owners.list()).owners.filter((o) => o.here && o.tag === tag && keys.some((k) => k === o.switch));
    if (held.length === 0) {
        throw new Error(`no owner ${tag} of ${keys.join(" or ")} in this network namespace (see \`pulumi-netns forwarding list\`)`);
    }
    const lines: string[] = [];
    for (const record of held) {
        const result = await owners.leave(record.switch, tag, undefined);
        const outcome = result.kept
            ? "other owners still hold it on"
            : result.restored !== undefined
              ? `it was the last owner: ${record.switch} is back to ${result.restored}`
              : `it was the last owner: ${record.switch} left at ${result.left}`;
        lines.push(`dropped owner ${tag} of ${record.switch}; ${outcome}`);
    }
    return `${lines.join("\n")}\n`;
}

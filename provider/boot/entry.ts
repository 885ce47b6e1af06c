// Pure: what one resource puts back at boot, as data, and its text in the boot plan. Each resource
// has one entry (a file named by its owner tag), so a change of one resource rewrites only its own
// entry and two stacks never touch each other's. The runner (runner-script.ts) reads the lines of
// every entry and runs them phase by phase, with the machine's own tools only.
import { inputLine } from "../linux/input-line";
import type { Rule } from "../linux/iptables-argv";

/**
 * When a command runs at boot. Lines of one phase and one place (the host, or a namespace) go into
 * one `ip -batch` (or `bridge -batch`) process; the phases run in this order.
 */
export const PHASES = {
    /** `ip netns add` */
    namespaces: 1,
    /** bridges: made first, so links can join them */
    bridges: 2,
    /** veth pairs (their peers born in their namespace) and VXLAN links, joined to their bridges */
    links: 3,
    /** inside namespaces: owner marks, up, addresses */
    inside: 4,
    /** routes, once every address is there */
    routes: 5,
    /** VXLAN FDB entries (`bridge -batch`) */
    fdb: 6,
} as const;

export type IpPhase = (typeof PHASES)[keyof typeof PHASES];

/** One `ip` (or `bridge`) command, as argv, with the phase it belongs to. */
export interface BootCommand {
    phase: IpPhase;
    argv: readonly string[];
}

/** A forwarding switch this resource owns, with the value found before the switch's first owner. */
export interface BootSwitch {
    key: string;
    tag: string;
    previous: number;
    /** The owner record's content (one line of JSON), for `pulumi-netns forwarding list`. */
    name: string;
}

export interface BootEntry {
    /** Objects whose presence at boot means the entry is left alone (made already, or someone else's name). */
    guards?: { links?: readonly string[]; namespaces?: readonly string[] };
    commands?: readonly BootCommand[];
    switches?: readonly BootSwitch[];
    /** iptables rules, as data: each backend writes them in its own form. */
    rules?: readonly Rule[];
    /** nftables rules: the lines of `nft -f` that make their table and chains, and each rule with its owner comment. */
    nft?: readonly { setup: readonly string[]; mark: string; rule: string }[];
}

/** `ip [-n NS] WORDS` -> the namespace ("-" for the host) and the words a batch line holds. */
function place(argv: readonly string[]): { tool: string; where: string; words: readonly string[] } {
    const [tool, ...rest] = argv;
    if (tool !== "ip" && tool !== "bridge") {
        throw new Error(`a boot command runs ip or bridge, not ${tool}`);
    }
    if (rest[0] === "-n") {
        return { tool, where: rest[1], words: rest.slice(2) };
    }
    return { tool, where: "-", words: rest };
}

/**
 * The entry's lines, each `KIND PLACE WORDS...`:
 *   `guard link NAME` / `guard netns NAME`: skip the entry when the object exists;
 *   `<phase> <namespace or -> WORDS`: one line of that phase's batch in that place;
 *   `forward KEY TAG PREVIOUS NAME-JSON`: an owner record of a forwarding switch;
 *   `rule4|rule6 TABLE CHAIN SPEC...`: an iptables rule, appended unless it is there;
 *   `nftbase LINE` / `nftrule LABEL DIGEST LINE`: `nft -f` lines, a rule skipped when its comment is there.
 * Every word is checked to read back as one word (see input-line.ts).
 */
export function entryText(entry: BootEntry): string {
    const lines: string[] = [];
    for (const name of entry.guards?.namespaces ?? []) {
        lines.push(inputLine("the boot plan", ["guard", "netns", name]));
    }
    for (const name of entry.guards?.links ?? []) {
        lines.push(inputLine("the boot plan", ["guard", "link", name]));
    }
    for (const command of entry.commands ?? []) {
        const { tool, where, words } = place(command.argv);
        if ((tool === "bridge") !== (command.phase === PHASES.fdb)) {
            throw new Error(`${tool} commands run in their own phase: ${command.argv.join(" ")}`);
        }
        lines.push(inputLine("the boot plan", [String(command.phase), where, ...words]));
    }
    for (const sw of entry.switches ?? []) {
        if (/[\r\n]/.test(sw.name)) {
            throw new Error("an owner record is one line");
        }
        lines.push(`${inputLine("the boot plan", ["forward", sw.key, sw.tag, String(sw.previous)])} ${sw.name}`);
    }
    for (const rule of entry.nft ?? []) {
        if ([...rule.setup, rule.mark, rule.rule].some((line) => /[\r\n]/.test(line)) || !/^\S+ \S+$/.test(rule.mark)) {
            throw new Error("an nft line is one line, and its mark two words");
        }
        lines.push(...rule.setup.map((line) => `nftbase ${line}`), `nftrule ${rule.mark} ${rule.rule}`);
    }
    for (const rule of entry.rules ?? []) {
        lines.push(inputLine("the boot plan", [`rule${rule.family}`, rule.table, rule.chain, ...rule.spec]));
    }
    return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

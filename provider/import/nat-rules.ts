// Pure: the rules of a `iptables-save -t nat` listing that are exactly what a MasqueradeRule or a
// PortForward makes (less its owner comment), and every other rule, kept to be listed as left alone.
import { isIP } from "node:net";

export interface HandMasquerade {
    family: 4 | 6;
    sourceCidr: string;
    excludeOutInterface?: string;
    outInterface?: string;
    rule: string;
}

export interface HandForward {
    family: 4 | 6;
    /** PREROUTING (clients outside) or OUTPUT (the host itself). */
    chain: "PREROUTING" | "OUTPUT";
    protocol: "tcp" | "udp";
    hostPort: number;
    hostAddress?: string;
    inInterface?: string;
    targetAddress: string;
    targetPort: number;
    rule: string;
}

export interface NatListing {
    masquerades: HandMasquerade[];
    forwards: HandForward[];
    /** User chains (Docker's), rules of other owners' shapes, and the rest: with the reason each is left alone. */
    others: { rule: string; why: string }[];
}

/** Splits `-A CHAIN -s x ! -o br0 -j MASQUERADE` into flag/value pairs; undefined on a shape it does not know. */
function pairs(words: readonly string[]): { flag: string; value: string; negated: boolean }[] | undefined {
    const out: { flag: string; value: string; negated: boolean }[] = [];
    for (let i = 0; i < words.length; i++) {
        const negated = words[i] === "!";
        const flag = negated ? words[++i] : words[i];
        const value = words[i + 1];
        if (!flag?.startsWith("-") || value === undefined || value.startsWith("-")) {
            return undefined;
        }
        out.push({ flag, value, negated });
        i++;
    }
    return out;
}

const PORT = /^\d{1,5}$/;

const hostOnly = (cidr: string): string | undefined => {
    const [address, prefix] = cidr.split("/");
    if (!isIP(address)) {
        return undefined;
    }
    return prefix === undefined || prefix === (isIP(address) === 6 ? "128" : "32") ? address : undefined;
};

/** `-A POSTROUTING -s CIDR [! -o IF | -o IF] -j MASQUERADE`, and nothing else. */
function masqueradeOf(family: 4 | 6, line: string, p: ReturnType<typeof pairs>): HandMasquerade | undefined {
    if (!p) {
        return undefined;
    }
    const allowed = new Set(["-s", "-o", "-j"]);
    const get = (flag: string) => p.find((x) => x.flag === flag);
    if (p.some((x) => !allowed.has(x.flag) || (x.negated && x.flag !== "-o")) || get("-j")?.value !== "MASQUERADE" || !get("-s")) {
        return undefined;
    }
    const out = get("-o");
    const source = get("-s")!.value;
    if (source.endsWith("/0")) {
        return undefined;
    }
    return {
        family,
        sourceCidr: source,
        ...(out?.negated ? { excludeOutInterface: out.value } : out ? { outInterface: out.value } : {}),
        rule: line,
    };
}

/** `-A PREROUTING|OUTPUT -d HOST -p P [-i IF] -m P --dport N -j DNAT --to-destination T:P`, and nothing else. */
function forwardOf(family: 4 | 6, chain: "PREROUTING" | "OUTPUT", line: string, p: ReturnType<typeof pairs>): HandForward | undefined {
    if (!p) {
        return undefined;
    }
    const allowed = new Set(["-d", "-p", "-i", "-m", "--dport", "-j", "--to-destination"]);
    const get = (flag: string) => p.find((x) => x.flag === flag);
    const protocol = get("-p")?.value;
    const modules = p.filter((x) => x.flag === "-m").map((x) => x.value);
    if (p.some((x) => !allowed.has(x.flag) || x.negated) || get("-j")?.value !== "DNAT" || (protocol !== "tcp" && protocol !== "udp")) {
        return undefined;
    }
    if (modules.some((m) => m !== protocol) || !PORT.test(get("--dport")?.value ?? "")) {
        return undefined;
    }
    const hostAddress = get("-d") ? hostOnly(get("-d")!.value) : undefined;
    const to = /^\[?([0-9a-fA-F.:]+?)\]?(?::(\d{1,5}))?$/.exec(get("--to-destination")?.value ?? "");
    // Without -d it matches every destination, forwarded traffic too: a PortForward forwards the host's own addresses.
    if (!hostAddress || !to || !isIP(to[1])) {
        return undefined;
    }
    const hostPort = Number(get("--dport")!.value);
    return {
        family,
        chain,
        protocol,
        hostPort,
        hostAddress,
        ...(get("-i") ? { inInterface: get("-i")!.value } : {}),
        targetAddress: to[1],
        targetPort: to[2] ? Number(to[2]) : hostPort,
        rule: line,
    };
}

/** The nat rules no stack owns, sorted into what the kinds can declare and the rest. */
export function handMadeNat(family: 4 | 6, listing: string, ownerPrefix: string): NatListing {
    const result: NatListing = { masquerades: [], forwards: [], others: [] };
    const userChains = new Set<string>();
    for (const raw of listing.split("\n")) {
        const line = raw.trim();
        const chain = /^:(\S+) (\S+)/.exec(line);
        if (chain && chain[2] === "-") {
            userChains.add(chain[1]);
            result.others.push({ rule: `chain ${chain[1]} (nat)`, why: "a chain of its own (Docker's, a firewall's)" });
            continue;
        }
        if (!line.startsWith("-A ") || line.includes(ownerPrefix)) {
            continue; // not a rule, or one a stack owns
        }
        const words = line.split(/\s+/);
        const [, name, ...rest] = words;
        const p = pairs(rest);
        const jump = p?.find((x) => x.flag === "-j")?.value;
        const masquerade = name === "POSTROUTING" ? masqueradeOf(family, line, p) : undefined;
        const forward = name === "PREROUTING" || name === "OUTPUT" ? forwardOf(family, name, line, p) : undefined;
        if (masquerade) {
            result.masquerades.push(masquerade);
        } else if (forward) {
            result.forwards.push(forward);
        } else if (userChains.has(name) || (jump && userChains.has(jump))) {
            result.others.push({ rule: line, why: "part of a chain of its own" });
        } else {
            result.others.push({ rule: line, why: "not a shape MasqueradeRule or PortForward makes" });
        }
    }
    return result;
}

// Schemas for kernel names. They are the guard that keeps option-like or shell-like strings
// off every command line: only [A-Za-z0-9_.-], never a leading dash.
import { z } from "zod";

const SAFE = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/;
const SAFE_HINT = "use only letters, digits, '_', '.', '-' and do not start with '-'";

/**
 * Words `ip link` reads as keywords where a device name may stand: `ip link add up type bridge`
 * makes a kernel-named `bridge0`. We always write the `name`/`dev` keyword too, and refuse these.
 */
export const IP_KEYWORDS = new Set([
    "up",
    "down",
    "name",
    "dev",
    "type",
    "mtu",
    "help",
    "link",
    "master",
    "nomaster",
    "alias",
    "address",
    "broadcast",
    "brd",
    "peer",
    "netns",
    "txqueuelen",
    "txqlen",
    "qlen",
    "arp",
    "multicast",
    "allmulticast",
    "promisc",
    "trailers",
    "dynamic",
    "group",
    "index",
    "numtxqueues",
    "numrxqueues",
    "vf",
    "mode",
    "state",
    "qdisc",
    "protodown",
    "addrgenmode",
    "xdp",
    "all",
    "default",
    "any",
    "none",
    "via",
    "metric",
    "proto",
    "table",
    "scope",
    "src",
    "from",
    "to",
]);

/** A network interface name: at most 15 bytes (the kernel's IFNAMSIZ less the NUL). */
export const interfaceName = z
    .string()
    .min(1, "must not be empty")
    .max(15, { error: (issue) => `must be at most 15 characters (the kernel's interface name limit); it has ${String(issue.input).length}` })
    .regex(SAFE, SAFE_HINT)
    .refine((n) => n !== "." && n !== "..", "must not be '.' or '..'")
    .refine((n) => !IP_KEYWORDS.has(n), "is a keyword of `ip` (e.g. up, down, type, mtu): choose another name")
    // iproute2 reads an unknown "if7" as "the link with ifindex 7": it could name another stack's link.
    .refine((n) => !/^if\d+$/.test(n), 'must not look like "if<number>": ip reads that as an interface index');

/** `ip` reads these words as selectors, never as names (`ip -n all` means every namespace). */
const RESERVED_NAMESPACES = new Set(["all", "default", ".", ".."]);

/** A named network namespace: a file under /run/netns. */
export const namespaceName = z
    .string()
    .min(1, "must not be empty")
    .max(64, "must be at most 64 characters")
    .regex(SAFE, SAFE_HINT)
    .refine((n) => !RESERVED_NAMESPACES.has(n), "is reserved by ip (all, default)");

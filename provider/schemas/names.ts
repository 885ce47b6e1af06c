// Schemas for kernel names. They are the guard that keeps option-like or shell-like strings
// off every command line: only [A-Za-z0-9_.-], never a leading dash.
import { z } from "zod";

const SAFE = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/;
const SAFE_HINT = "use only letters, digits, '_', '.', '-' and do not start with '-'";

/** A network interface name: at most 15 bytes (the kernel's IFNAMSIZ less the NUL). */
export const interfaceName = z.string()
    .min(1, "must not be empty")
    .max(15, "must be at most 15 characters (the kernel's interface name limit)")
    .regex(SAFE, SAFE_HINT)
    .refine((n) => n !== "." && n !== "..", "must not be '.' or '..'");

/** `ip` reads these words as selectors, never as names (`ip -n all` means every namespace). */
const RESERVED_NAMESPACES = new Set(["all", "default", ".", ".."]);

/** A named network namespace: a file under /run/netns. */
export const namespaceName = z.string()
    .min(1, "must not be empty")
    .max(64, "must be at most 64 characters")
    .regex(SAFE, SAFE_HINT)
    .refine((n) => !RESERVED_NAMESPACES.has(n), "is reserved by ip (all, default)");

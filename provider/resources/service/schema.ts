// Inputs and state of a Service.
import { z } from "zod";
import { connection } from "../../schemas/connection";
import { namespaceName } from "../../schemas/names";
import { ownerTag } from "../../schemas/owner";
import { port } from "../../schemas/ports";
import { DYNAMIC_USER_PREFIX } from "./unit-file";

/** Text that systemd and the command line can carry exactly: no NUL, valid Unicode. */
const exactText = z
    .string()
    .max(4096, "must be at most 4096 characters")
    .refine((s) => !s.includes("\0"), "must not contain a NUL character")
    .refine((s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s), "must be valid Unicode (no lone surrogate)");

/** The stem of a unit name: the unit is `netns-<name>.service`. */
const serviceName = z
    .string()
    .min(1, "must not be empty")
    .max(64, "must be at most 64 characters")
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, "use only letters, digits, '_', '.', '-' and do not start with '-' or '.'");

/**
 * A Unix user name, or a numeric uid; not one of the users systemd makes for other Services
 * (`netns-...`): running as one would share that Service's uid, and so its environment.
 */
const userName = z
    .string()
    .regex(/^([a-z_][a-z0-9_-]{0,31}|[0-9]{1,10})$/i, "must be a Unix user name or a numeric uid")
    .refine(
        (u) => !u.toLowerCase().startsWith(DYNAMIC_USER_PREFIX),
        `must not start with "${DYNAMIC_USER_PREFIX}": such users are the ones systemd makes for each Service alone (leave user out for one of its own)`,
    );

/** An environment variable's name, as a shell would accept it. */
const variableName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, "must be a variable name (letters, digits, '_', not starting with a digit)");

export const serviceInputs = z.object({
    /** The unit's name is `netns-<name>.service`. @default the resource name */
    name: serviceName.describe("The unit's name is `netns-<name>.service`. Default: the resource name."),
    /** The network namespace the program runs in (its /run/netns name). Changing it replaces the service. */
    namespace: namespaceName.describe("The network namespace the program runs in (its /run/netns name). Changing it replaces the service."),
    /** The program and its arguments, as an argv: never a shell string. The program is an absolute path or a name found on systemd's PATH. */
    command: z
        .array(exactText)
        .min(1, "must hold at least the program")
        .max(256, "must hold at most 256 words")
        .refine((argv) => argv.join("").length <= 32768, "must be at most 32768 characters in all")
        .refine((argv) => argv.length === 0 || argv[0].startsWith("/") || /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/.test(argv[0]), {
            message: "the program must be an absolute path or a plain name (found on systemd's PATH)",
            path: [0],
        })
        .describe("The program and its arguments, as an argv: never a shell string. The program is an absolute path or a name found on systemd's PATH."),
    /**
     * Environment variables of the program. Written to a file only root can read (never into the
     * unit's properties, which every user can list), and kept secret in state.
     * @default {}
     */
    environment: z
        .record(variableName, exactText)
        .refine((env) => Object.keys(env).length <= 256, "must hold at most 256 variables")
        .default({})
        .meta({ secret: true })
        .describe(
            "Environment variables of the program. Written to a file only root can read (never into the unit's properties, which every user can list), and kept secret in state. Default: {}.",
        ),
    /**
     * The user the program runs as. Absent: a user systemd allocates for this service alone
     * (`DynamicUser=yes`), with no privileges and a read-only view of the system, so no other program
     * can signal it or read its environment. "root" for the full powers of the machine.
     */
    user: userName
        .optional()
        .describe(
            'The user the program runs as. Absent: a user systemd allocates for this service alone (`DynamicUser=yes`), with no privileges and a read-only view of the system, so no other program can signal it or read its environment. "root" for the full powers of the machine.',
        ),
    /** The program's working directory (it must exist). @default "/" */
    workingDirectory: z
        .string()
        .regex(/^\/[A-Za-z0-9_.,:@+=/-]*$/, "must be an absolute path of letters, digits and _.,:@+=/-")
        .optional()
        .describe('The program\'s working directory (it must exist). Default: "/".'),
    /** When systemd starts the program again after it ends. @default "on-failure" */
    restart: z
        .enum(["always", "on-failure", "no"])
        .default("on-failure")
        .describe('When systemd starts the program again after it ends. Default: "on-failure".'),
    /** A TCP port the program listens on in its namespace: `up` waits for it, and fails if it never comes. */
    readyPort: port.optional().describe("A TCP port the program listens on in its namespace: `up` waits for it, and fails if it never comes."),
    /** How long `up` waits for `readyPort`. @default 30 */
    readyTimeoutSeconds: z.number().int("must be a whole number").min(1).max(600).default(30).describe("How long `up` waits for `readyPort`. Default: 30."),
    connection: connection.optional(),
    ownerTag,
});

export const serviceState = serviceInputs.extend({
    /** The systemd unit's name, e.g. "netns-web.service". */
    unit: z.string().describe('The systemd unit\'s name, e.g. "netns-web.service".'),
    /** The program's process id (0 when it is not running). */
    mainPid: z.number().int().describe("The program's process id (0 when it is not running)."),
    /** Whether the unit is active (running). */
    active: z.boolean().describe("Whether the unit is active (running)."),
});

export type ServiceInputs = z.infer<typeof serviceInputs>;
export type ServiceState = z.infer<typeof serviceState>;

// Inputs and state of a Probe.
import { z } from "zod";
import { ipAddress } from "../../schemas/addresses";
import { connection } from "../../schemas/connection";
import { namespaceName } from "../../schemas/names";
import { ownerTag } from "../../schemas/owner";
import { port } from "../../schemas/ports";

export const probeInputs = z
    .object({
        /** Where the traffic starts: a namespace, or "host" for the machine itself. */
        from: z.union([z.literal("host"), namespaceName]).describe('Where the traffic starts: a namespace, or "host" for the machine itself.'),
        /** The address it goes to, IPv4 or IPv6. */
        to: ipAddress.describe("The address it goes to, IPv4 or IPv6."),
        /** "ping" (ICMP echo), "tcp" (a connection is accepted) or "http" (a 2xx or 3xx answer). @default "ping" */
        kind: z
            .enum(["ping", "tcp", "http"])
            .default("ping")
            .describe('"ping" (ICMP echo), "tcp" (a connection is accepted) or "http" (a 2xx or 3xx answer). Default: "ping".'),
        /** The port of a tcp or http probe. @default 80 for http */
        port: port.optional().describe("The port of a tcp or http probe. Default: 80 for http."),
        /** The path of an http probe. @default "/" */
        path: z
            .string()
            .regex(/^\/[\x21-\x7e]*$/, "must start with / and hold no spaces or control characters")
            .default("/")
            .describe('The path of an http probe. Default: "/".'),
        /** What must happen for `up` to succeed. @default "reachable" */
        expect: z.enum(["reachable", "unreachable"]).default("reachable").describe('What must happen for `up` to succeed. Default: "reachable".'),
        /** How long one attempt may take. @default 5 */
        timeoutSeconds: z.number().int("must be a whole number").min(1).max(60).default(5).describe("How long one attempt may take. Default: 5."),
        /** Attempts before the result counts (the first that meets the expectation ends them). @default 3 */
        attempts: z
            .number()
            .int("must be a whole number")
            .min(1)
            .max(20)
            .default(3)
            .describe("Attempts before the result counts (the first that meets the expectation ends them). Default: 3."),
        connection: connection.optional(),
        ownerTag: ownerTag.optional(),
    })
    .refine((p) => p.kind !== "tcp" || p.port !== undefined, { message: "a tcp probe needs a port", path: ["port"] });

export const probeState = z.intersection(
    probeInputs,
    z.object({
        /** What the last probe found. */
        result: z.enum(["reachable", "unreachable"]).describe("What the last probe found."),
    }),
);

export type ProbeInputs = z.infer<typeof probeInputs>;
export type ProbeState = z.infer<typeof probeState>;

// Inputs of a ResolvConf: the resolver configuration of one namespace.
import { z } from "zod";
import { ipAddress } from "../../schemas/addresses";
import { connection } from "../../schemas/connection";
import { namespaceName } from "../../schemas/names";
import { ownerTag } from "../../schemas/owner";

/** A domain name (RFC 1035): labels of letters, digits and inner hyphens, at most 63 characters each, 253 in all. */
const domain = z
    .string()
    .max(253, "must be at most 253 characters (RFC 1035)")
    .regex(/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/, "must be a domain name such as lab.internal")
    .refine((d) => d.split(".").every((label) => label.length <= 63), "each label (between dots) must be at most 63 characters (RFC 1035)");

export const resolvConfInputs = z.object({
    /** The namespace whose /etc/resolv.conf this is (`ip netns exec` shows it there). */
    namespace: namespaceName.describe("The namespace whose /etc/resolv.conf this is (`ip netns exec` shows it there)."),
    /** Name servers, e.g. ["198.51.100.53"]. */
    nameservers: z
        .array(ipAddress)
        .min(1, "must name at least one name server")
        .max(3, "the resolver reads at most 3 name servers")
        .describe('Name servers, e.g. ["198.51.100.53"].'),
    /** Search domains. @default [] */
    search: z.array(domain).default([]).describe("Search domains. Default: []."),
    connection: connection.optional(),
    ownerTag,
});

export type ResolvConfInputs = z.infer<typeof resolvConfInputs>;

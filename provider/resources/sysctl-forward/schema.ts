// Inputs and state of a SysctlForward.
import { z } from "zod";
import { adopt } from "../../schemas/adopt";
import { connection } from "../../schemas/connection";
import { ownerTag } from "../../schemas/owner";

export const sysctlForwardInputs = z.object({
    /** Turn on net.ipv4.ip_forward. @default true */
    ipv4: z.boolean().default(true).describe("Turn on net.ipv4.ip_forward. Default: true."),
    /** Turn on net.ipv6.conf.all.forwarding. @default false */
    ipv6: z.boolean().default(false).describe("Turn on net.ipv6.conf.all.forwarding. Default: false."),
    adopt,
    connection: connection.optional(),
    /** Names this resource in the host's owner records of the switches (absent in state from older versions). */
    ownerTag: ownerTag.optional().describe("Names this resource in the host's owner records of the switches (absent in state from older versions)."),
    /** Names the stack and resource in the host's owner records, for `pulumi-netns forwarding list` (set by the SDK). */
    ownerName: z
        .object({ stack: z.string().max(400), resource: z.string().max(400) })
        .optional()
        .describe("Names the stack and resource in the host's owner records, for `pulumi-netns forwarding list` (set by the SDK)."),
});

export const sysctlForwardState = sysctlForwardInputs.extend({
    /** The value to restore when IPv4 forwarding is given up; absent when it is not managed. */
    previousIpv4: z.number().optional().describe("The value to restore when IPv4 forwarding is given up; absent when it is not managed."),
    /** The value to restore when IPv6 forwarding is given up; absent when it is not managed. */
    previousIpv6: z.number().optional().describe("The value to restore when IPv6 forwarding is given up; absent when it is not managed."),
});

export type SysctlForwardInputs = z.infer<typeof sysctlForwardInputs>;
export type SysctlForwardState = z.infer<typeof sysctlForwardState>;

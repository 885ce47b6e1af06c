// Pure: the arguments of the Network component as Python, Go and YAML programs give them, checked
// before anything is planned from them (the fields a plan is made of must be known values).
import { z } from "zod";
import { namespaceName } from "../../schemas/names";

const member = z.object({
    namespace: namespaceName,
    address: z.string().optional(),
    hostName: z.string().optional(),
    peerName: z.string().optional(),
});

const port = z.object({
    name: z.string().min(1),
    member: namespaceName,
    port: z.number().int().min(1).max(65535),
    hostPort: z.number().int().min(1).max(65535).optional(),
    protocol: z.enum(["tcp", "udp"]).optional(),
});

/** What a Network's plan is made of; the other inputs (connection, dns, ...) are passed on as they come. */
export const networkPlanArgs = z.object({
    subnet: z.string(),
    subnet6: z.string().optional(),
    bridgeName: z.string().optional(),
    masquerade: z.boolean().default(true),
    forwarding: z.boolean().default(true),
    members: z.array(member).optional(),
    ports: z.array(port).optional(),
});

export type NetworkPlanArgs = z.output<typeof networkPlanArgs>;
export type MemberArgs = z.output<typeof member>;
export type PortArgs = z.output<typeof port>;

export const memberArgs = member;
export const portArgs = port;

/** The first problem of a component's arguments, named by field: `Network "lab": members[1].namespace: ...`. */
export function argsProblem(component: string, error: z.ZodError): string {
    const issue = error.issues[0];
    const where = issue.path
        .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
        .join("")
        .replace(/^\./, "");
    return `${component}: ${where ? `${where}: ` : ""}${issue.message}`;
}

// Where a resource's commands run: absent = this machine; otherwise an SSH host.
import { z } from "zod";
import { parseHostKey } from "../host/ssh/host-key";

const hostName = z
    .string()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9_.:[\]-]+$/, "must be a host name or IP address")
    .refine((h) => !h.startsWith("-"), "must not start with '-'");

function isHostKey(text: string): boolean {
    try {
        parseHostKey(text);
        return true;
    } catch {
        return false;
    }
}

const endpoint = z.object({
    host: hostName,
    port: z.number().int().min(1).max(65535).optional(),
    user: z
        .string()
        .regex(/^[a-z_][a-z0-9_.-]{0,31}$/i, "must be a Unix user name")
        .optional(),
    password: z.string().optional(),
    privateKey: z.string().optional(),
    privateKeyPassword: z.string().optional(),
    agentSocketPath: z.string().optional(),
    // An empty or garbled pin must not quietly mean "no pin".
    hostKey: z.string().refine(isHostKey, 'must be an OpenSSH public key line, e.g. "ssh-ed25519 AAAAC3Nz..."').optional(),
    dialErrorLimit: z.number().int().min(-1).optional(),
    perDialTimeout: z.number().int().min(1).optional(),
});

export const connection = endpoint.extend({
    proxy: endpoint.optional(),
    sudo: z.boolean().optional(),
});

export type Connection = z.infer<typeof connection>;

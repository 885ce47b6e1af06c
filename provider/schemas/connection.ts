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
    host: hostName.describe("The machine's host name or IP address."),
    port: z.number().int().min(1).max(65535).optional().describe("The SSH port. Default: 22."),
    user: z
        .string()
        .regex(/^[a-z_][a-z0-9_.-]{0,31}$/i, "must be a Unix user name")
        .optional()
        .describe("The login. Default: root."),
    password: z.string().optional().meta({ secret: true }).describe("The login's password."),
    privateKey: z.string().optional().meta({ secret: true }).describe("A private key (OpenSSH or PEM text)."),
    privateKeyPassword: z.string().optional().meta({ secret: true }).describe("The passphrase of `privateKey`."),
    agentSocketPath: z.string().optional().describe("An SSH agent's socket, for keys the agent holds."),
    // An empty or garbled pin must not quietly mean "no pin".
    hostKey: z
        .string()
        .refine(isHostKey, 'must be an OpenSSH public key line, e.g. "ssh-ed25519 AAAAC3Nz..."')
        .optional()
        .describe("The host's public key (an OpenSSH line); a different key is refused before any command runs. Absent: trusted on first use."),
    dialErrorLimit: z.number().int().min(-1).optional().describe("Dial attempts before giving up; -1 tries without end."),
    perDialTimeout: z.number().int().min(1).optional().describe("Seconds one dial may take."),
});

export const connection = endpoint.extend({
    proxy: endpoint.optional().describe("A bastion to hop through."),
    sudo: z.boolean().optional().describe("Run commands as root through `sudo -n` (for a user such as `ubuntu`). Default: false."),
});

export type Connection = z.infer<typeof connection>;

// Host key pinning: `connection.hostKey` is the server's public key as OpenSSH prints it
// (`ssh-ed25519 AAAA... [comment]`, or a known_hosts line with the host names first).
import { createHash } from "node:crypto";

export interface PinnedKey {
    /** The key type, e.g. "ssh-ed25519". */
    type: string;
    /** The key blob the server presents during key exchange. */
    blob: Buffer;
}

// ssh-dss (DSA) is left out: 1024-bit keys that OpenSSH itself no longer accepts.
const KEY_TYPE = /^(ssh-(ed25519|rsa)|ecdsa-sha2-nistp(256|384|521)|sk-\S+@openssh\.com)$/;

/** Parses a pinned key, or throws naming what was expected (never echoing the input). */
export function parseHostKey(text: string): PinnedKey {
    const words = text.trim().split(/\s+/);
    // known_hosts markers: @revoked means "never trust", @cert-authority "trust what it signs"; neither is a pin.
    if (words[0]?.startsWith("@")) {
        throw new Error(`hostKey: a known_hosts line marked ${words[0].slice(0, 20)} is not a host key to pin`);
    }
    if (words.includes("ssh-dss")) {
        throw new Error("hostKey: ssh-dss (DSA) keys are refused: pin the host's ed25519, ecdsa or rsa key");
    }
    const at = words.findIndex((w) => KEY_TYPE.test(w));
    const blob = at >= 0 ? words[at + 1] : undefined;
    if (at < 0 || !blob || !/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) {
        throw new Error('hostKey must be an OpenSSH public key line, e.g. "ssh-ed25519 AAAAC3Nz..."');
    }
    const decoded = Buffer.from(blob, "base64");
    // The blob starts with its own type name: a pasted key of another type is caught here.
    const innerType = decoded.length > 4 ? decoded.subarray(4, 4 + decoded.readUInt32BE(0)).toString() : "";
    if (innerType !== words[at]) {
        throw new Error(`hostKey: the key data is not a ${words[at]} key`);
    }
    return { type: words[at], blob: decoded };
}

/** The host key algorithms to offer so the server presents the pinned key and not another one. */
export function hostKeyAlgorithms(type: string): string[] {
    return type === "ssh-rsa" ? ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"] : [type];
}

/** A short fingerprint for messages, as `ssh-keygen -l` shows it. */
export function fingerprint(blob: Buffer): string {
    return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

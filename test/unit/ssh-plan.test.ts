// The pure parts of the SSH host: quoting, host key pins, dial options, backoff, channel limit.
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { printable, SAFE_PATH } from "../../provider/host/limits";
import { ChannelLimit } from "../../provider/host/ssh/channel-limit";
import { attemptLimit, backoffBefore, connectConfig, describeEndpoint } from "../../provider/host/ssh/dial-plan";
import { fingerprint, parseHostKey } from "../../provider/host/ssh/host-key";
import { remoteCommand, shellQuote } from "../../provider/host/ssh/remote-command";
import { connection } from "../../provider/schemas/connection";

const ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

describe("remote command", () => {
    /** What a POSIX shell (as sshd runs it: `sh -c COMMAND`) hands the program. */
    const throughShell = (command: string) =>
        execFileSync("sh", ["-c", `set -- ${command}; printf '%s\\0' "$@"`])
            .toString()
            .split("\0")
            .slice(0, -1);

    test("every word survives a POSIX shell verbatim", () => {
        fc.assert(
            fc.property(
                fc.array(
                    fc.string({ unit: "binary" }).filter((s) => !s.includes("\0")),
                    { minLength: 1, maxLength: 6 },
                ),
                (words) => {
                    expect(throughShell(words.map(shellQuote).join(" "))).toEqual(words);
                },
            ),
            { numRuns: 300 },
        );
    });

    test("runs in an empty environment but a fixed locale and PATH, behind sudo -n when asked", () => {
        expect(remoteCommand(["ip", "-j", "link"])).toBe(`'env' '-i' 'LC_ALL=C' 'PATH=${SAFE_PATH}' 'ip' '-j' 'link'`);
        expect(remoteCommand(["ip"], { sudo: true })).toMatch(/^'sudo' '-n' '--' 'env' '-i' /);
    });

    test("refuses what no shell word can carry", () => {
        expect(() => shellQuote("a\0b")).toThrow(/NUL/);
        expect(() => remoteCommand([])).toThrow(/empty/);
    });
});

describe("host key", () => {
    test("takes a public key line or a known_hosts line", () => {
        expect(parseHostKey(ED25519).type).toBe("ssh-ed25519");
        expect(parseHostKey(`host.example,10.0.0.1 ${ED25519} comment`).blob).toEqual(parseHostKey(ED25519).blob);
        expect(fingerprint(parseHostKey(ED25519).blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    });

    test.each(["", "ssh-ed25519", "AAAAC3Nz", "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"])(
        "refuses %j without echoing it",
        (text) => {
            expect(() => parseHostKey(text)).toThrow(/hostKey/);
            expect(connection.safeParse({ host: "h", hostKey: text }).success).toBe(false);
        },
    );
});

describe("dial plan", () => {
    test("names the endpoint without credentials", () => {
        expect(describeEndpoint({ host: "203.0.113.5", user: "ubuntu" })).toBe("ubuntu@203.0.113.5:22");
        expect(describeEndpoint({ host: "2001:db8::1", port: 2222 })).toBe("root@[2001:db8::1]:2222");
    });

    test("defaults like @pulumi/command: 10 attempts of 15 s; -1 keeps trying", () => {
        expect(attemptLimit({ host: "h" })).toBe(10);
        expect(attemptLimit({ host: "h", dialErrorLimit: -1 })).toBe(Infinity);
        expect(connectConfig({ host: "h" }, {})).toMatchObject({ port: 22, username: "root", readyTimeout: 15_000 });
        expect(connectConfig({ host: "h", perDialTimeout: 3 }, {}).readyTimeout).toBe(3000);
    });

    test("backs off 0, 1, 2, 4, 8, 8 ... seconds", () => {
        expect([1, 2, 3, 4, 5, 6, 10].map(backoffBefore)).toEqual([0, 1000, 2000, 4000, 8000, 8000, 8000]);
    });

    test("a pinned key limits the server's host key algorithms to its own type", () => {
        const config = connectConfig({ host: "h", hostKey: ED25519 }, {});
        expect(config.algorithms?.serverHostKey).toEqual(["ssh-ed25519"]);
        expect(config.pinned?.type).toBe("ssh-ed25519");
    });

    test("the agent from the environment is used only when no key or password is given", () => {
        expect(connectConfig({ host: "h" }, { SSH_AUTH_SOCK: "/run/agent" }).agent).toBe("/run/agent");
        expect(connectConfig({ host: "h", privateKey: "k" }, { SSH_AUTH_SOCK: "/run/agent" }).agent).toBeUndefined();
    });
});

test("the channel limit never runs more than its maximum at once, and runs everything", async () => {
    const limit = new ChannelLimit(3);
    let running = 0;
    let peak = 0;
    const done = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
            limit.run(async () => {
                peak = Math.max(peak, ++running);
                await new Promise((r) => setTimeout(r, 5));
                running--;
                return i;
            }),
        ),
    );
    expect(peak).toBe(3);
    expect(done).toHaveLength(20);
});

test("hostKey: known_hosts markers and DSA keys are refused, plain key lines accepted", () => {
    const ed = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    expect(() => parseHostKey(ed)).not.toThrow();
    expect(() => parseHostKey(`host.example ${ed}`)).not.toThrow();
    expect(() => parseHostKey(`@revoked host.example ${ed}`)).toThrow(/marked @revoked/);
    expect(() => parseHostKey(`@cert-authority *.example ${ed}`)).toThrow(/marked @cert-authority/);
    expect(() => parseHostKey("ssh-dss AAAAB3NzaC1kc3MAAACBAP")).toThrow(/ssh-dss/);
});

test("printable: escapes and control characters out, long output cut", () => {
    expect(printable("\x1b[31mred\x1b[0m \x1b]0;title\x07ok\x01\x7f")).toBe("red ok");
    expect(printable("a\nb\tc")).toBe("a\nb\tc");
    expect(printable("x".repeat(5000))).toMatch(/^x{2000}\.\.\. \(3000 more characters\)$/);
});

// The switch owner records' program, run by dash and bash against a temporary directory and a fake
// `sysctl` (a file holds the switch): the join/leave rules, the older layout's migration, the
// listing, and hostile values that stay data.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
    joinArgv,
    leaveArgv,
    listArgv,
    parseJoin,
    parseLeave,
    parseList,
    RECORDS_LOCK,
    RECORDS_ROOT,
    SWITCH_SCRIPT,
} from "../../provider/linux/switch-owners-argv";

const KEY = "net.ipv4.ip_forward";
const A = "0123456789ab";
const B = "ba9876543210";
const SELF = `ns-${statSync("/proc/self/ns/net").ino}-${readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim()}`;

let dir: string;
let root: string;
let switchFile: string;
let bin: string;
beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "switch-records-"));
    root = join(dir, "switches");
    mkdirSync(root);
    switchFile = join(dir, "ip_forward");
    writeFileSync(switchFile, "0\n");
    bin = join(dir, "bin");
    mkdirSync(bin);
    // sysctl -n KEY prints the value; sysctl -w KEY=V writes it.
    writeFileSync(join(bin, "sysctl"), `#!/bin/sh\nif [ "$1" = -n ]; then cat "${switchFile}"; else echo "\${2#*=}" >"${switchFile}"; echo "$2"; fi\n`, {
        mode: 0o755,
    });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const forwarding = () => readFileSync(switchFile, "utf8").trim();
const setForwarding = (v: string) => writeFileSync(switchFile, `${v}\n`);

/** The program as the provider runs it, minus `flock` and with ROOT moved to the temporary directory. */
function run(shell: string, argv: string[]): { status: number | null; stdout: string; stderr: string } {
    expect(argv.slice(0, 11)).toEqual(["flock", "-w", "30", "-E", "75", RECORDS_LOCK, "sh", "-c", SWITCH_SCRIPT, "pulumi-netns-switches", RECORDS_ROOT]);
    const r = spawnSync(shell, ["-c", SWITCH_SCRIPT, "pulumi-netns-switches", root, ...argv.slice(11)], {
        env: { PATH: `${bin}:/usr/bin:/bin`, LC_ALL: "C" },
        stdio: ["ignore", "pipe", "pipe"], // not a socket: bash would read ~/.bashrc
        encoding: "utf8",
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ok = (shell: string, argv: string[]) => {
    const r = run(shell, argv);
    expect(r).toMatchObject({ status: 0, stderr: "" });
    return r.stdout;
};

const records = () => (existsSync(join(root, SELF, KEY)) ? readdirSync(join(root, SELF, KEY)).sort() : []);

describe.each(["dash", "bash"])("the records program in %s", (shell) => {
    test("the first owner records the value it found; the last restores it", () => {
        expect(parseJoin(ok(shell, joinArgv(KEY, A, { stack: "organization/web/dev", resource: "forward" })))).toBe(0);
        expect(forwarding()).toBe("1");
        expect(parseJoin(ok(shell, joinArgv(KEY, B, undefined)))).toBe(0); // the value before the first, not A's 1
        expect(records()).toEqual([`owner.${A}`, `owner.${B}`, "previous.0"]);
        expect(readFileSync(join(root, SELF, KEY, `owner.${A}`), "utf8")).toBe('{"stack":"organization/web/dev","resource":"forward"}\n');

        expect(parseLeave(ok(shell, leaveArgv(KEY, A, 0)))).toEqual({ kept: true });
        expect(forwarding()).toBe("1");
        expect(parseLeave(ok(shell, leaveArgv(KEY, B, 0)))).toEqual({ kept: false, restored: 0 });
        expect(forwarding()).toBe("0");
        expect(readdirSync(root)).toEqual([]); // the namespace's directory goes with its last record
    });

    test("already on: nothing to restore; changed by someone else since: left alone", () => {
        setForwarding("1");
        expect(parseJoin(ok(shell, joinArgv(KEY, A, undefined)))).toBe(1);
        expect(parseLeave(ok(shell, leaveArgv(KEY, A, 1)))).toEqual({ kept: false, left: 1 });
        expect(forwarding()).toBe("1");

        setForwarding("0");
        ok(shell, joinArgv(KEY, A, undefined));
        setForwarding("0"); // someone turned it off again: theirs now
        expect(parseLeave(ok(shell, leaveArgv(KEY, A, 0)))).toEqual({ kept: false, left: 0 });
    });

    test("an owner whose records are gone restores the value its state holds", () => {
        setForwarding("1");
        expect(parseLeave(ok(shell, leaveArgv(KEY, A, 0)))).toEqual({ kept: false, restored: 0 });
        expect(forwarding()).toBe("0");
    });

    test("an update of an owner keeps the value recorded before it", () => {
        ok(shell, joinArgv(KEY, A, undefined));
        expect(parseJoin(ok(shell, joinArgv(KEY, A, { stack: "organization/web/dev", resource: "renamed" })))).toBe(0);
        expect(readFileSync(join(root, SELF, KEY, `owner.${A}`), "utf8")).toContain("renamed");
    });

    test("records of the older layout (one directory per machine) move into this namespace's, under the lock", () => {
        const old = join(root, KEY);
        mkdirSync(old);
        for (const f of [`owner.${A}`, `owner.${B}`, "previous.0"]) {
            writeFileSync(join(old, f), "");
        }
        setForwarding("1");
        expect(parseLeave(ok(shell, leaveArgv(KEY, A, 1)))).toEqual({ kept: true }); // B, an older stack, still holds it
        expect(existsSync(old)).toBe(false);
        expect(records()).toEqual([`owner.${B}`, "previous.0"]);
        expect(parseLeave(ok(shell, leaveArgv(KEY, B, 1)))).toEqual({ kept: false, restored: 0 });
        expect(forwarding()).toBe("0");
    });

    test("the listing names every owner, here and in other namespaces, with stack, resource and the value before", () => {
        ok(shell, joinArgv(KEY, A, { stack: "organization/web/dev", resource: "forward" }));
        const other = join(root, "ns-4026532999-other-boot", KEY);
        mkdirSync(other, { recursive: true });
        writeFileSync(join(other, `owner.${B}`), "not json\n");
        writeFileSync(join(other, "previous.0"), "");
        mkdirSync(join(root, "net.ipv6.conf.all.forwarding"));
        writeFileSync(join(root, "net.ipv6.conf.all.forwarding", "owner.cccccccccccc"), "");

        const listed = parseList(ok(shell, listArgv()));
        expect(listed.self).toBe(SELF);
        expect(listed.owners).toEqual(
            expect.arrayContaining([
                { switch: KEY, tag: A, namespace: SELF, here: true, name: { stack: "organization/web/dev", resource: "forward" }, previous: 0 },
                { switch: KEY, tag: B, namespace: "ns-4026532999-other-boot", here: false, previous: 0 },
                { switch: "net.ipv6.conf.all.forwarding", tag: "cccccccccccc", here: false },
            ]),
        );
        expect(listed.owners).toHaveLength(3);
    });

    test("hostile values stay data: a name is written verbatim; a bad tag or switch is refused", () => {
        const name = { stack: "$(touch pwned)`id`", resource: "a'b\"c\nd; rm -rf /" };
        ok(shell, joinArgv(KEY, A, name));
        expect(JSON.parse(readFileSync(join(root, SELF, KEY, `owner.${A}`), "utf8"))).toEqual(name);
        expect(existsSync("pwned")).toBe(false);
        const argv = joinArgv(KEY, A, undefined);
        expect(run(shell, [...argv.slice(0, 12), "../../etc", ...argv.slice(13)]).status).toBe(64);
        expect(run(shell, [...argv.slice(0, 13), "../x", ...argv.slice(14)]).status).toBe(64);
    });
});

test("the argv refuses what is not a switch or an owner tag, and the program is one line (it rides the SSH runner)", () => {
    expect(() => joinArgv("kernel.panic", A, undefined)).toThrow(/not a forwarding switch/);
    expect(() => leaveArgv(KEY, "../../x", 0)).toThrow(/12 hex digits/);
    expect(SWITCH_SCRIPT).not.toMatch(/\n/);
    expect(joinArgv(KEY, A, { stack: "s", resource: "line\nbreak" }).some((a) => a.includes("\n"))).toBe(false);
    expect(() => parseJoin("garbage")).toThrow(/unexpected answer/);
    expect(() => parseLeave("")).toThrow(/unexpected answer/);
});

test("dash parses the program", () => {
    expect(() => execFileSync("dash", ["-n", "-c", SWITCH_SCRIPT])).not.toThrow();
});

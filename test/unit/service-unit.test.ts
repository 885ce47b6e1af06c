// The pure parts of a Service: its unit file's text, the quoting of each word and value (checked
// against a model of systemd's own unquoting), and the parsers of what systemctl prints.
import fc from "fast-check";
import { serviceInputs } from "../../provider/resources/service/schema";
import { bootedWithSystemd, describeStatus, lastExitInJournal, listeners, parseCursor, unitStatus } from "../../provider/resources/service/systemctl";
import {
    dynamicUserName,
    environmentMark,
    environmentText,
    execStart,
    quoteValue,
    quoteWord,
    unitMark,
    unitText,
} from "../../provider/resources/service/unit-file";

const inputs = (more: Record<string, unknown> = {}) =>
    serviceInputs.parse({ name: "web", namespace: "ns1", command: ["python3", "-m", "http.server", "5000"], ownerTag: "0123456789ab", ...more });

test("the unit file: owner mark, namespace, exact argv, environment file, a user of its own by default", () => {
    expect(unitText(inputs())).toBe(
        [
            "# Made by pulumi-netns; removed with its resource. Edits are undone by its next `pulumi up`.",
            "[Unit]",
            "Description=pulumi-netns service web in network namespace ns1",
            "X-PulumiNetnsOwner=pulumi-netns:0123456789ab",
            "Wants=pulumi-netns-boot.service",
            "After=pulumi-netns-boot.service",
            "",
            "[Service]",
            "Type=exec",
            "NetworkNamespacePath=/run/netns/ns1",
            'ExecStart=:"python3" "-m" "http.server" "5000"',
            "EnvironmentFile=/etc/pulumi-netns/services/netns-web.service.env",
            "DynamicUser=yes",
            "User=netns-web",
            "Restart=on-failure",
            "",
            "[Install]",
            "WantedBy=multi-user.target",
            "",
        ].join("\n"),
    );
    const root = unitText(inputs({ user: "root", workingDirectory: "/srv/site", restart: "always" }));
    expect(root).toMatch(/\nUser=root\nWorkingDirectory=\/srv\/site\nRestart=always\n/);
    expect(root).not.toMatch(/DynamicUser/);
    expect(unitMark(root)).toBe("pulumi-netns:0123456789ab");
    expect(unitMark("[Unit]\nDescription=x\n")).toBeUndefined();
});

test("a dynamic user's name is readable when it can be, else derived (systemd wants a valid one of at most 31 characters)", () => {
    expect(dynamicUserName("web")).toBe("netns-web");
    expect(dynamicUserName("Web.Server")).toMatch(/^netns--[0-9a-f]{12}$/);
    expect(dynamicUserName("a-very-long-service-name-indeed-yes")).toMatch(/^netns--[0-9a-f]{12}$/);
});

test("words and values: the exact escapes", () => {
    expect(quoteWord(`a b$HOME %n "q" \\ \n\t\x01`)).toBe(`"a b$HOME %%n \\"q\\" \\\\ \\x0a\\x09\\x01"`);
    expect(execStart(["/bin/echo", ""])).toBe(':"/bin/echo" ""');
    expect(quoteValue('a "b" $X `c` \\ \nend')).toBe('"a \\"b\\" \\$X \\`c\\` \\\\ \nend"');
    expect(environmentText({ B: "2", A: "1" }, "0123456789ab")).toBe('# pulumi-netns:0123456789ab\nA="1"\nB="2"\n');
    expect(environmentMark("# pulumi-netns:0123456789ab\n")).toBe("pulumi-netns:0123456789ab");
    expect(environmentMark('A="1"')).toBeUndefined();
});

/** systemd's reading of one double-quoted Exec word: C escapes, then `%%` to `%` (specifiers). */
function systemdWord(quoted: string): string {
    expect(quoted.startsWith('"') && quoted.endsWith('"')).toBe(true);
    let out = "";
    const body = quoted.slice(1, -1);
    for (let i = 0; i < body.length; i++) {
        const c = body[i];
        if (c === "\\") {
            const next = body[++i];
            if (next === "x") {
                out += String.fromCharCode(Number.parseInt(body.slice(i + 1, i + 3), 16));
                i += 2;
            } else {
                expect(["\\", '"']).toContain(next);
                out += next;
            }
        } else if (c === "%") {
            expect(body[++i]).toBe("%"); // a lone % would be a specifier
            out += "%";
        } else {
            expect(c).not.toBe('"'); // an unescaped quote would end the word
            expect(c.charCodeAt(0) >= 0x20 && c !== "\x7f").toBe(true); // no raw control character on the line
            out += c;
        }
    }
    return out;
}

/** systemd's reading of a double-quoted environment file value. */
function systemdValue(quoted: string): string {
    return quoted.slice(1, -1).replace(/\\([\\"$`])/g, "$1");
}

const hostile = fc.string({
    unit: fc.oneof(
        fc.constantFrom(" ", "$", "%", '"', "'", "\\", "\n", "\t", "\r", ";", "`", ["$", "{A}"].join(""), "%n"),
        fc.string({ maxLength: 1 }),
        fc.string({ unit: "grapheme", maxLength: 1 }),
        fc.string({ unit: "binary", maxLength: 1 }),
    ),
});

test("any word survives systemd's unquoting exactly, on one line", () => {
    fc.assert(
        fc.property(hostile, (word) => {
            const quoted = quoteWord(word);
            expect(quoted).not.toMatch(/[\n\r]/);
            expect(systemdWord(quoted)).toBe(word);
        }),
        { numRuns: 2000 },
    );
});

test("any environment value survives systemd's reading exactly", () => {
    fc.assert(
        fc.property(hostile, (value) => {
            const quoted = quoteValue(value);
            expect(quoted.slice(1, -1)).not.toMatch(/(^|[^\\])(\\\\)*"/); // no quote ends it early
            expect(systemdValue(quoted)).toBe(value);
        }),
        { numRuns: 2000 },
    );
});

test("refused: a NUL, a lone surrogate, a program systemd would read as flags or a relative path, a bad variable name", () => {
    const failures = (more: Record<string, unknown>) => {
        const r = serviceInputs.safeParse({ name: "web", namespace: "ns1", command: ["sleep", "1"], ownerTag: "0123456789ab", ...more });
        return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
    };
    expect(failures({ command: ["sleep", "a\0b"] })).toEqual(["command.1"]);
    expect(failures({ command: ["sleep", "\uD800"] })).toEqual(["command.1"]);
    expect(failures({ command: ["-sleep"] })).toEqual(["command.0"]);
    expect(failures({ command: ["./server"] })).toEqual(["command.0"]);
    expect(failures({ command: [] })).toEqual(["command"]);
    expect(failures({ environment: { "1A": "x" } })).toEqual(["environment.1A"]);
    expect(failures({ environment: { A: "x\0" } })).toEqual(["environment.A"]);
    expect(failures({ user: "root; rm" })).toEqual(["user"]);
    expect(failures({ workingDirectory: "srv" })).toEqual(["workingDirectory"]);
    expect(failures({ name: "-web" })).toEqual(["name"]);
    expect(failures({ command: ["/usr/bin/env", "a b", "$X", "%n", '"', "\n"] })).toEqual([]);
});

test("systemctl show, its status in words, the journal cursor, a booted machine", () => {
    const status = unitStatus(
        "LoadState=loaded\nActiveState=failed\nSubState=failed\nResult=exit-code\nMainPID=0\nExecMainCode=1\nExecMainStatus=3\nNRestarts=2\nFragmentPath=/etc/systemd/system/netns-web.service\nNeedDaemonReload=no\n",
    );
    expect(status).toEqual({
        loadState: "loaded",
        activeState: "failed",
        subState: "failed",
        result: "exit-code",
        mainPid: 0,
        exitCode: "exited",
        exitStatus: 3,
        restarts: 2,
        fragmentPath: "/etc/systemd/system/netns-web.service",
        needsReload: false,
    });
    expect(describeStatus(status)).toBe("failed (failed, result exit-code), main process exited with status 3, restarted 2 times");
    expect(describeStatus(unitStatus("ActiveState=active\nSubState=running\nResult=success\nMainPID=9\nExecMainCode=0\n"))).toBe("active (running)");
    expect(describeStatus(unitStatus("ActiveState=failed\nSubState=failed\nResult=signal\nExecMainCode=2\nExecMainStatus=9\n"))).toBe(
        "failed (failed, result signal), main process killed with signal 9",
    );
    expect(parseCursor("-- cursor: s=abc;i=1cb;b=c4\n")).toBe("s=abc;i=1cb;b=c4");
    expect(parseCursor("")).toBeUndefined();
    expect(bootedWithSystemd("running\n")).toBe(true);
    expect(bootedWithSystemd("degraded\n")).toBe(true);
    expect(bootedWithSystemd("offline\n")).toBe(false);
    expect(bootedWithSystemd("")).toBe(false);
    expect(listeners("ns1", 5000)).toEqual(["ss", "-N", "ns1", "-Hltn", "sport = :5000"]);
});

test("a unit systemd already restarted: the last exit comes from its journal", () => {
    const journal = [
        "netns-crash.service: Main process exited, code=exited, status=3/NOTIMPLEMENTED",
        "netns-crash.service: Scheduled restart job, restart counter is at 1.",
        "netns-crash.service: Main process exited, code=killed, status=9/KILL",
        "no config file",
    ].join("\n");
    expect(lastExitInJournal(journal)).toBe("killed with signal 9/KILL");
    expect(lastExitInJournal(journal.split("\n")[0])).toBe("exited with status 3/NOTIMPLEMENTED");
    expect(lastExitInJournal("Started netns-web.service.")).toBeUndefined();
});

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasNetAdmin, missingTools } from "../../provider/host/preflight";

test("CAP_NET_ADMIN is read from the effective capability set", () => {
    expect(hasNetAdmin("CapEff:\t000001ffffffffff\n")).toBe(true);
    expect(hasNetAdmin("CapEff:\t0000000000000000\n")).toBe(false);
    expect(hasNetAdmin("CapEff:\t0000000000001000\n")).toBe(true); // bit 12 alone
    expect(hasNetAdmin("no such line")).toBe(false);
});

test("tools are looked up on PATH, executable ones only", () => {
    const dir = mkdtempSync(join(tmpdir(), "path-"));
    writeFileSync(join(dir, "ip"), "", { mode: 0o755 });
    writeFileSync(join(dir, "iptables"), "", { mode: 0o644 });
    expect(missingTools(["ip", "iptables", "sysctl"], dir)).toEqual(["iptables", "sysctl"]);
});

test("by default tools are looked for where commands run from (the fixed PATH), whatever the caller's PATH (issue 31, finding 11)", () => {
    const saved = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
        expect(missingTools(["sh", "ls"])).toEqual([]);
    } finally {
        process.env.PATH = saved;
    }
});

// The local Host runs real processes as the providers do: a fixed PATH and locale whatever the
// caller's environment, a deadline, bounded output.

import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalHost } from "../../provider/host/local-host";

afterEach(() => {
    delete process.env.PULUMI_NETNS_COMMAND_TIMEOUT_SECONDS;
});

test("a program named like a kernel tool earlier on the caller's PATH is never run", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fake-bin-"));
    const marker = join(dir, "ran");
    await writeFile(join(dir, "ip"), `#!/bin/sh\ntouch ${marker}\necho fake\n`);
    await chmod(join(dir, "ip"), 0o755);
    const saved = process.env.PATH;
    process.env.PATH = `${dir}:${saved}`;
    try {
        const r = await new LocalHost().run(["ip", "-V"]);
        expect(r.stdout).toMatch(/iproute2/);
        expect(existsSync(marker)).toBe(false);
        expect((await new LocalHost().run(["sh", "-c", "echo $PATH $LC_ALL"])).stdout.trim()).toBe(
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin C",
        );
    } finally {
        process.env.PATH = saved;
        await rm(dir, { recursive: true, force: true });
    }
});

test("a hung command is killed at its deadline and the error names it", async () => {
    process.env.PULUMI_NETNS_COMMAND_TIMEOUT_SECONDS = "1";
    const started = Date.now();
    await expect(new LocalHost().run(["sleep", "30"])).rejects.toThrow(/running "sleep 30" on this machine: no result after 1 s, so it was stopped/);
    expect(Date.now() - started).toBeLessThan(5000);
});

test("runaway output is cut off, not buffered without end", async () => {
    await expect(new LocalHost().run(["head", "-c", "40000000", "/dev/zero"])).rejects.toThrow(/more than \d+ bytes of output/);
});

// A program's `require("pulumi-netns")` loads the SDK alone: no module of the provider (it runs in
// the provider's process, loaded by the stubs), no ssh2, execa or zod, and few modules on top of
// `@pulumi/pulumi`, since every program start pays for each one.
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const repo = join(__dirname, "..", "..", "..");

/** The modules `require` adds to a fresh process that has loaded @pulumi/pulumi already. */
function modulesAddedBy(entry: string): string[] {
    const script = `
        require("@pulumi/pulumi");
        const before = new Set(Object.keys(require.cache));
        require(${JSON.stringify(entry)});
        console.log(JSON.stringify(Object.keys(require.cache).filter((k) => !before.has(k))));`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: repo, encoding: "utf8" }));
}

test("require(pulumi-netns) loads no provider module, no ssh2, execa or zod, and at most 40 modules", () => {
    const added = modulesAddedBy(join(repo, "dist", "sdk", "index.js")).map((path) => path.slice(repo.length + 1));
    expect(added.filter((path) => path.startsWith("dist/provider/"))).toEqual([]);
    expect(added.filter((path) => /node_modules\/(ssh2|execa|zod)\//.test(path))).toEqual([]);
    expect(added.length).toBeLessThanOrEqual(40);
});

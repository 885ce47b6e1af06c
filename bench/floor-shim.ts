// Points a copied program's `pulumi-netns` at the floor module (bench/floor): the same program, the
// same resource graph, resources that do nothing. Node and TypeScript look in the program's own
// node_modules first, so nothing else changes.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

const dist = join(__dirname, "..");

export async function useFloor(programDir: string): Promise<void> {
    const pkg = join(programDir, "node_modules", "pulumi-netns");
    await mkdir(pkg, { recursive: true });
    await writeFile(join(pkg, "package.json"), JSON.stringify({ name: "pulumi-netns", main: "index.js", types: "index.d.ts" }));
    await writeFile(join(pkg, "index.js"), `module.exports = require(${JSON.stringify(join(dist, "bench", "floor", "index.js"))}).classes;\n`);
    // The real SDK's types, so the program type-checks exactly as it does against pulumi-netns.
    await writeFile(join(pkg, "index.d.ts"), `export * from ${JSON.stringify(join(dist, "sdk", "index"))};\n`);
}

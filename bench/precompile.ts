// Turns a copied TypeScript program into the JavaScript a user's build step would ship: each .ts
// transpiled beside itself, `main` pointed at index.js, and the runtime told not to load TypeScript.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as ts from "typescript";

export async function precompile(dir: string): Promise<void> {
    for (const file of (await readdir(dir)).filter((f) => f.endsWith(".ts"))) {
        const source = await readFile(join(dir, file), "utf8");
        const { outputText } = ts.transpileModule(source, {
            compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        });
        await writeFile(join(dir, file.replace(/\.ts$/, ".js")), outputText);
    }
    const pkg = JSON.parse(await readFile(join(dir, "package.json"), "utf8"));
    await writeFile(join(dir, "package.json"), JSON.stringify({ ...pkg, main: "index.js" }, null, 2));
    const project = await readFile(join(dir, "Pulumi.yaml"), "utf8");
    await writeFile(join(dir, "Pulumi.yaml"), project.replace(/typescript: true/, "typescript: false"));
}

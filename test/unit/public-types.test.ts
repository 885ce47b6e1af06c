// The declarations a user's compiler reads: sdk/kind-types.ts is what the generator makes from the
// schemas now, and everything reachable from the package's entry (dist/sdk/index.d.ts) is the
// SDK's own or @pulumi/pulumi's: no zod (whose .d.cts files fail a classic `pulumi new
// typescript` tsconfig) and no provider internals.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { generateSdkTypes, outputPath } from "../../scripts/gen-sdk-types";

jest.setTimeout(120_000);

const repo = join(__dirname, "..", "..", "..");

test("sdk/kind-types.ts is generated from the schemas as they are (npm run gen:types)", () => {
    expect(readFileSync(outputPath, "utf8")).toBe(generateSdkTypes());
});

test("the public declarations reach no zod and no provider internals", () => {
    // The classic `pulumi new typescript` settings: CommonJS, node10 resolution, no esModuleInterop.
    const program = ts.createProgram([join(repo, "dist", "sdk", "index.d.ts")], {
        strict: true,
        target: ts.ScriptTarget.ES2020,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        noEmit: true,
        types: ["node"],
        typeRoots: [join(repo, "node_modules", "@types")],
    });
    const files = program.getSourceFiles().map((f) => relative(repo, f.fileName));
    const ours = files.filter((f) => f.startsWith("dist/"));
    expect(ours).toContain("dist/sdk/index.d.ts");
    // The SDK and the zod-free shared types (shared/), never the provider.
    expect(ours.filter((f) => !f.startsWith("dist/sdk/") && !f.startsWith("dist/shared/"))).toEqual([]);
    expect(files.filter((f) => f.includes("node_modules/zod/"))).toEqual([]);
});

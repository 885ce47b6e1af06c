// Every user program snippet of the README (```ts; ```typescript marks the project's own
// internals) compiles against the SDK as written: a user who copies
// one gets a program that type-checks. Snippets share a few names (ns1, br0, v0, config); a
// snippet that uses one without making it gets it declared, as the README's earlier snippets made it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";

const repo = join(__dirname, "..", "..", "..");
const readme = readFileSync(join(repo, "README.md"), "utf8");
const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

const shared: Record<string, string> = {
    ns1: "netns.Namespace",
    br0: "netns.Bridge",
    v0: "netns.VethPair",
    config: "pulumi.Config",
    connection: "netns.Connection",
};

function asModule(snippet: string): string {
    const body = snippet.replace(/^import .*$/gm, "");
    const declared = Object.entries(shared)
        .filter(([name]) => new RegExp(`\\b${name}\\b`).test(body) && !new RegExp(`\\bconst ${name}\\b`).test(body))
        .map(([name, type]) => `declare const ${name}: ${type};`);
    return ['import * as pulumi from "@pulumi/pulumi";', 'import * as netns from "pulumi-netns";', "void pulumi;", ...declared, body, "export {};"].join("\n");
}

test("the README has snippets to check", () => {
    expect(snippets.length).toBeGreaterThanOrEqual(8);
});

test("every README snippet type-checks against the SDK", () => {
    const dir = mkdtempSync(join(tmpdir(), "readme-snippets-"));
    try {
        const files = snippets.map((snippet, i) => {
            const file = join(dir, `snippet-${i}.ts`);
            writeFileSync(file, asModule(snippet));
            return file;
        });
        const program = ts.createProgram(files, {
            target: ts.ScriptTarget.ES2022,
            module: ts.ModuleKind.CommonJS,
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            esModuleInterop: true,
            types: ["node"],
            typeRoots: [join(repo, "node_modules", "@types")],
            baseUrl: repo,
            paths: { "pulumi-netns": ["sdk/index.ts"], "*": ["node_modules/*"] },
        });
        const problems = ts.getPreEmitDiagnostics(program).map((d) => {
            const where = d.file ? `${d.file.fileName.replace(dir, "README")}: ` : "";
            return where + ts.flattenDiagnosticMessageText(d.messageText, "\n");
        });
        expect(problems).toEqual([]);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});

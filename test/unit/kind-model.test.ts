// A registered kind is complete: everything the kind model derives from its definition is there.
// Adding a kind is one folder, one line in registry.ts and its README section (docs/internals.md);
// this test names what a new kind still lacks.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageSchema } from "../../provider/package-schema/generate";
import { token } from "../../provider/package-schema/json-to-pulumi";
import { COMMON_FIELDS, kindModels, RUNNER_FIELDS } from "../../provider/resources/kind-model";
import { kinds } from "../../provider/resources/registry";
import * as sdk from "../../sdk";
import { kindFacts } from "../../sdk/kind-types";

const repo = join(__dirname, "..", "..", "..");
const readme = readFileSync(join(repo, "README.md"), "utf8");
const models = Object.values(kindModels());
const publicModels = models.filter((m) => !m.internal);
/** A kind's own fields: what its field table and README section name (not what every kind takes). */
const userFields = (m: (typeof models)[number]) => m.inputs.filter((f) => !RUNNER_FIELDS.has(f.name) && !COMMON_FIELDS.has(f.name));

/** A kind's README section: from its `### Kind` heading to the next heading. */
function sectionOf(kind: string): string | undefined {
    const start = readme.search(new RegExp(`^### ${kind}\\b`, "m"));
    return start < 0 ? undefined : readme.slice(start).split(/\n#{2,3} /)[0];
}

test("every registered kind has a model, and the SDK's generated facts are its state keys", () => {
    expect(models.map((m) => m.kind).sort()).toEqual(Object.keys(kinds).sort());
    for (const m of models) {
        expect([m.kind, kindFacts[m.kind].outputs]).toEqual([m.kind, m.state.map((f) => f.name)]);
    }
});

test.each(models.map((m) => [m.kind, m] as const))("%s: a summary, and a documented, typed field table", (_kind, m) => {
    expect(m.summary.length).toBeGreaterThan(10);
    for (const field of userFields(m)) {
        expect([field.name, typeof field.doc === "string" && field.doc.length > 0]).toEqual([field.name, true]);
        expect([field.name, field.change]).toEqual([field.name, expect.any(String)]);
    }
});

test.each(publicModels.map((m) => [m.kind, m] as const))("%s: an SDK class, a package-schema resource and a README section naming every field", (kind, m) => {
    expect(typeof (sdk as Record<string, unknown>)[kind]).toBe("function");
    expect(Object.keys(packageSchema("0.0.0").resources)).toContain(token(kind));
    const section = sectionOf(kind);
    expect([kind, section !== undefined]).toEqual([kind, true]);
    const unnamed = userFields(m).filter((f) => !section!.includes(`\`${f.name}\``));
    expect([kind, unnamed.map((f) => f.name)]).toEqual([kind, []]);
});

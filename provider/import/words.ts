// Pure helpers the writers share: identifiers in each language's style, and text safe in a comment.
import type { ProgramModel } from "./model";

const words = (name: string): string[] => name.split(/[^A-Za-z0-9]+/).filter(Boolean);

const RESERVED = new Set(
    (
        "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await " +
        "and as assert async def del elif except from global is lambda nonlocal not or pass raise None True False " +
        "chan defer fallthrough func go goto map range select struct type ctx err pulumi netns config connection"
    ).split(" "),
);

/** A variable name: camelCase (TypeScript, Go) or snake_case (Python), never a keyword, never leading with a digit. */
export function variableName(name: string, style: "camel" | "snake"): string {
    const parts = words(name).map((w) => w.toLowerCase());
    let id = style === "snake" ? parts.join("_") : parts.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join("");
    if (id === "" || /^\d/.test(id)) {
        id = `r${style === "snake" ? "_" : ""}${id}`;
    }
    return RESERVED.has(id) ? `${id}${style === "snake" ? "_res" : "Res"}` : id;
}

/** A property name in Python's spelling: hostName -> host_name, ipv4 -> ipv4. */
export const snakeCase = (prop: string): string => prop.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

/** A property or type name in Go's spelling: hostName -> HostName. */
export const pascalCase = (prop: string): string => prop[0].toUpperCase() + prop.slice(1);

/** What a machine's listing printed, fit for one comment line: no control characters, bounded. */
export const commentText = (text: string): string => {
    const clean = [...text].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? " " : c)).join("");
    return clean.length > 160 ? `${clean.slice(0, 157)}...` : clean;
};

/** The resources referenced by another (their variables are kept); the rest need no variable. */
export function referenced(model: ProgramModel): Set<string> {
    const used = new Set<string>();
    for (const r of model.resources) {
        for (const name of r.dependsOn ?? []) {
            used.add(name);
        }
        const visit = (v: unknown) => {
            if (Array.isArray(v)) {
                for (const x of v) {
                    visit(x);
                }
            } else if (v && typeof v === "object" && "ref" in v) {
                used.add((v as { ref: string }).ref);
            }
        };
        for (const [, v] of r.props) {
            visit(v);
        }
    }
    return used;
}

/** The header every program starts with, as comment lines (without the comment marker). */
export function headerLines(model: ProgramModel, rerun: string): string[] {
    return [
        `Written by \`pulumi-netns import\` from ${commentText(model.machine)}: every object found there that`,
        "pulumi-netns can manage and no stack owns. Each sets adopt: true, so the first `pulumi up` takes it",
        "over in place (same interfaces, namespaces and processes; each hand-made rule swapped for its owned",
        "equivalent in one transaction). Destroying the stack then removes them: set retainOnDelete to keep one.",
        rerun,
    ];
}

/** The comment block of what the machine has that this program leaves alone. */
export function leftAloneLines(model: ProgramModel): string[] {
    if (model.leftAlone.length === 0) {
        return [];
    }
    return ["Left alone (seen on the machine, not declared here):", ...model.leftAlone.map((l) => `  ${commentText(l.what)}: ${commentText(l.why)}`)];
}

// Pure: the program model as a whole Pulumi.yaml (name, runtime: yaml, resources) for the plugin.
import { isRef, type ProgramModel, type Value } from "./model";
import { headerLines, leftAloneLines } from "./words";

/** A scalar plain when YAML reads it back as the same string, else double-quoted (JSON escapes are YAML's). */
function scalar(v: string | number | boolean): string {
    if (typeof v !== "string") {
        return String(v);
    }
    const plain =
        /^[A-Za-z_][A-Za-z0-9_./:-]*$|^[0-9][0-9a-fA-F.:]*\/\d+$|^[0-9]+(\.[0-9]+){3}$/.test(v) && !/^(true|false|yes|no|on|off|null|y|n|~)$/i.test(v);
    return plain ? v : JSON.stringify(v);
}

function literal(v: Value): string {
    if (isRef(v)) {
        return JSON.stringify(`\${${v.ref}.${v.field}}`);
    }
    if (Array.isArray(v)) {
        return `[${v.map(literal).join(", ")}]`;
    }
    return scalar(v as string | number | boolean);
}

export function writeYaml(model: ProgramModel, project: string): string {
    const out = headerLines(model, "Written again by the same command, it declares what no stack owns yet.").map((l) => `# ${l}`.trimEnd());
    if (model.remote) {
        out.push("# The machine: pulumi config set --secret --path netns:connection.host <address> (user, privateKey, hostKey, sudo too).");
    }
    out.push(`name: ${scalar(project)}`, "runtime: yaml", "resources:");
    for (const r of model.resources) {
        out.push(`  ${scalar(r.name)}:`, `    type: netns:${r.kind}`);
        if (r.props.length > 0) {
            out.push("    properties:", ...r.props.map(([k, v]) => `      ${k}: ${literal(v)}`));
        }
        if (r.dependsOn?.length) {
            out.push("    options:", `      dependsOn: [${r.dependsOn.map((d) => JSON.stringify(`\${${d}}`)).join(", ")}]`);
        }
    }
    const alone = leftAloneLines(model);
    if (alone.length > 0) {
        out.push("", ...alone.map((l) => `# ${l}`));
    }
    return `${out.join("\n")}\n`;
}

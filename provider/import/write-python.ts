// Pure: the program model as a Python program (__main__.py) over the generated pulumi_netns SDK.
import { isRef, type ProgramModel, type Value } from "./model";
import { headerLines, leftAloneLines, referenced, snakeCase, variableName } from "./words";

function literal(v: Value, vars: Map<string, string>): string {
    if (isRef(v)) {
        return `${vars.get(v.ref)}.${snakeCase(v.field)}`;
    }
    if (Array.isArray(v)) {
        return `[${v.map((x) => literal(x, vars)).join(", ")}]`;
    }
    if (typeof v === "boolean") {
        return v ? "True" : "False";
    }
    return JSON.stringify(v);
}

export function writePython(model: ProgramModel): string {
    const used = referenced(model);
    const vars = new Map(model.resources.map((r) => [r.name, variableName(r.name, "snake")]));
    const out = headerLines(model, "Written again by the same command, it declares what no stack owns yet.").map((l) => `# ${l}`.trimEnd());
    if (model.remote) {
        out.push("# The machine: pulumi config set --secret --path netns:connection.host <address> (user, privateKey, hostKey, sudo too).");
    }
    out.push("import pulumi", "import pulumi_netns as netns", "");
    for (const r of model.resources) {
        const args = [JSON.stringify(r.name), ...r.props.map(([k, v]) => `${snakeCase(k)}=${literal(v, vars)}`)];
        if (r.dependsOn?.length) {
            args.push(`opts=pulumi.ResourceOptions(depends_on=[${r.dependsOn.map((d) => vars.get(d)).join(", ")}])`);
        }
        const call = `netns.${r.kind}(${args.join(", ")})`;
        out.push(used.has(r.name) ? `${vars.get(r.name)} = ${call}` : call);
    }
    const alone = leftAloneLines(model);
    if (alone.length > 0) {
        out.push("", ...alone.map((l) => `# ${l}`));
    }
    return `${out.join("\n")}\n`;
}

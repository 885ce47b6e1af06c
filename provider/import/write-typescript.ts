// Pure: the program model as a TypeScript program over the SDK (index.ts).
import { isRef, type ProgramModel, type Value } from "./model";
import { headerLines, leftAloneLines, referenced, variableName } from "./words";

function literal(v: Value, vars: Map<string, string>): string {
    if (isRef(v)) {
        return `${vars.get(v.ref)}.${v.field}`;
    }
    if (Array.isArray(v)) {
        return `[${v.map((x) => literal(x, vars)).join(", ")}]`;
    }
    return JSON.stringify(v);
}

export function writeTypescript(model: ProgramModel): string {
    const used = referenced(model);
    const vars = new Map(model.resources.map((r) => [r.name, variableName(r.name, "camel")]));
    const out = [...headerLines(model, "Written again by the same command, it declares what no stack owns yet.").map((l) => `// ${l}`.trimEnd())];
    out.push('import * as netns from "pulumi-netns";');
    if (model.remote) {
        out.push('import * as pulumi from "@pulumi/pulumi";', "");
        out.push("// The machine: pulumi config set --secret --path connection.host <address> (user, privateKey, hostKey, sudo too).");
        out.push('const connection = new pulumi.Config().requireSecretObject<netns.Connection>("connection");');
    }
    out.push("");
    for (const r of model.resources) {
        const props = r.props.map(([k, v]) => `${k}: ${literal(v, vars)}`);
        if (model.remote) {
            props.splice(props.length - 1, 0, "connection");
        }
        const options = r.dependsOn?.length ? `, { dependsOn: [${r.dependsOn.map((d) => vars.get(d)).join(", ")}] }` : "";
        const call = `new netns.${r.kind}(${JSON.stringify(r.name)}, { ${props.join(", ")} }${options});`;
        out.push(used.has(r.name) ? `const ${vars.get(r.name)} = ${call}` : call);
    }
    const alone = leftAloneLines(model);
    if (alone.length > 0) {
        out.push("", ...alone.map((l) => `// ${l}`));
    }
    return `${out.join("\n")}\n`;
}

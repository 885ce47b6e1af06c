// Pure: the program model as a Go program (main.go) over the generated netns SDK.
import { isRef, type ProgramModel, type Value } from "./model";
import { headerLines, leftAloneLines, pascalCase, referenced, variableName } from "./words";

export const GO_SDK_MODULE = "github.com/pulumi-netns/pulumi-netns/sdk/go/netns";

function literal(v: Value, vars: Map<string, string>): string {
    if (isRef(v)) {
        return `${vars.get(v.ref)}.${pascalCase(v.field)}`;
    }
    if (Array.isArray(v)) {
        return `pulumi.StringArray{${v.map((x) => literal(x, vars)).join(", ")}}`;
    }
    if (typeof v === "boolean") {
        return `pulumi.Bool(${v})`;
    }
    if (typeof v === "number") {
        return `pulumi.Int(${v})`;
    }
    return `pulumi.String(${JSON.stringify(v)})`;
}

export function writeGo(model: ProgramModel): string {
    const used = referenced(model);
    const vars = new Map(model.resources.map((r) => [r.name, variableName(r.name, "camel")]));
    const out = headerLines(model, "Written again by the same command, it declares what no stack owns yet.").map((l) => `// ${l}`.trimEnd());
    if (model.remote) {
        out.push("// The machine: pulumi config set --secret --path netns:connection.host <address> (user, privateKey, hostKey, sudo too).");
    }
    out.push("package main", "", "import (", `\t"${GO_SDK_MODULE}"`, '\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi"', ")", "");
    out.push("func main() {", "\tpulumi.Run(func(ctx *pulumi.Context) error {");
    for (const r of model.resources) {
        const fields = r.props.map(([k, v]) => `\t\t\t${pascalCase(k)}: ${literal(v, vars)},`);
        const deps = r.dependsOn?.length ? `, pulumi.DependsOn([]pulumi.Resource{${r.dependsOn.map((d) => vars.get(d)).join(", ")}})` : "";
        const call = `netns.New${r.kind}(ctx, ${JSON.stringify(r.name)}, &netns.${r.kind}Args{\n${fields.join("\n")}\n\t\t}${deps})`;
        if (used.has(r.name)) {
            out.push(`\t\t${vars.get(r.name)}, err := ${call}`, "\t\tif err != nil {", "\t\t\treturn err", "\t\t}");
        } else {
            out.push(`\t\tif _, err := ${call}; err != nil {`, "\t\t\treturn err", "\t\t}");
        }
    }
    out.push("\t\treturn nil", "\t})", "}");
    const alone = leftAloneLines(model);
    if (alone.length > 0) {
        out.push("", ...alone.map((l) => `// ${l}`));
    }
    return `${out.join("\n")}\n`;
}

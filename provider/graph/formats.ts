// The drawing as Graphviz DOT (rendered to SVG or PNG by Graphviz itself) and as Mermaid.
import { type Cluster, drawing, type Node } from "./draw";
import type { Topology } from "./topology";

const DOT_SHAPE: Record<Node["shape"], string> = {
    namespace: "box",
    bridge: "ellipse",
    interface: "ellipse",
    nat: "note",
    forward: "cds",
    route: "plaintext",
};

/**
 * A DOT string: `\` and `"` escaped (a backslash would start a label escape such as `\N`), a line
 * break as DOT's own `\n`, other control characters dropped.
 */
const dotString = (s: string) =>
    `"${s
        .replace(/\\/g, "\\\\")
        .replace(/"/g, '\\"')
        .replace(/\r\n|\r|\n/g, "\\n")
        .replace(/\p{Cc}/gu, "")}"`;

export function toDot(t: Topology): string {
    const out = [
        "digraph netns {",
        '    graph [rankdir=LR, fontname="Helvetica", fontsize=12];',
        '    node [fontname="Helvetica", fontsize=11];',
        '    edge [fontname="Helvetica", fontsize=9, dir=none];',
    ];
    drawing(t).forEach((c: Cluster, i) => {
        out.push(`    subgraph cluster_${i} {`, `        label=${dotString(c.label)};`, '        style="rounded";');
        for (const n of c.nodes) {
            const style = n.owned ? "rounded,filled" : "rounded,dashed";
            const fill = n.owned ? ', fillcolor="#eef5ff"' : ', color="#888888"';
            out.push(`        ${n.id} [label=${dotString(n.lines.join("\n"))}, shape=${DOT_SHAPE[n.shape]}, style="${style}"${fill}];`);
        }
        for (const e of c.edges) {
            out.push(`        ${e.from} -> ${e.to} [${e.label ? `label=${dotString(e.label)}` : ""}${e.owned ? "" : `${e.label ? ", " : ""}style=dashed`}];`);
        }
        out.push("    }");
    });
    out.push("}");
    return `${out.join("\n")}\n`;
}

/**
 * A Mermaid quoted string. Every character that could end it or mean something inside it (`"`,
 * `#` entities, `<` HTML, `|` edge labels, backticks, `&`, `;`, and line breaks or other control
 * characters, which would start a new statement) becomes a numeric entity, `#34;`.
 */
const mermaidEscape = (s: string) => s.replace(/["#<>&|;`]|\p{Cc}/gu, (c) => `#${c.codePointAt(0)};`);
const mermaidText = (s: string) => `"${mermaidEscape(s)}"`;

export function toMermaid(t: Topology): string {
    const out = ["flowchart LR"];
    drawing(t).forEach((c, i) => {
        out.push(`    subgraph machine${i}[${mermaidText(c.label)}]`);
        for (const n of c.nodes) {
            const text = `"${n.lines.map(mermaidEscape).join("<br/>")}"`;
            const shaped = n.shape === "bridge" || n.shape === "interface" ? `([${text}])` : n.shape === "forward" ? `>${text}]` : `[${text}]`;
            out.push(`        ${n.id}${shaped}`);
        }
        for (const e of c.edges) {
            const link = e.owned ? "---" : "-.-";
            out.push(`        ${e.from} ${link}${e.label ? `|${mermaidText(e.label)}|` : ""} ${e.to}`);
        }
        out.push("    end");
    });
    return `${out.join("\n")}\n`;
}

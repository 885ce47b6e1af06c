// `pulumi-netns graph` on the seed stack: from its state (DOT parsed back, SVG rendered by Graphviz
// and opened in a real headless Chromium) and live from the machine, where the world's namespaces
// (not made by pulumi-netns) are drawn too, unmarked.
import { mkdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadExeca } from "../../provider/host/load-execa";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(300_000);

const repo = join(__dirname, "..", "..", "..");
const cli = join(repo, "dist", "provider", "graph", "cli.js");
const artifacts = join(repo, ".state", "artifacts");

const stack = useSandboxedStack("examples/two-namespaces", { world: true, ready: (s) => s.project.up().then(() => undefined) });

const graph = async (...args: string[]) => {
    const r = await stack.project.command(["node", cli, "graph", ...args]);
    expect(r).toMatchObject({ exitCode: 0, stderr: "" });
    return r.stdout;
};

/** Node labels of a DOT text, "\n" turned into line breaks. */
const dotLabels = (dot: string) => [...dot.matchAll(/\[label="((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\n/g, "\n"));

const EVERY_OBJECT = [
    "namespace ns1",
    "namespace ns2",
    "192.168.1.10/24",
    "192.168.1.11/24",
    "bridge br0",
    "192.168.1.1/24",
    "ceth0 ⇄ veth0",
    "ceth1 ⇄ veth1",
    "default via 192.168.1.1",
    "masquerade 192.168.1.0/24",
    "tcp *:5000",
    "→ 192.168.1.10:5000",
];

test("from the stack's state: every object in the DOT, and in the SVG Graphviz renders", async () => {
    const labels = dotLabels(await graph("--format", "dot")).join("\n");
    for (const object of EVERY_OBJECT) {
        expect(labels).toContain(object);
    }
    const svg = await graph("--format", "svg");
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&#45;/g, "-").replace(/&gt;/g, ">")).join("\n");
    for (const object of EVERY_OBJECT) {
        expect(texts).toContain(object);
    }
    expect(await graph("--format", "mermaid")).toMatch(/^flowchart LR\n {4}subgraph machine0\["this machine"\]/);
});

test("a real headless Chromium renders the SVG without errors (screenshot kept in .state/artifacts)", async () => {
    await mkdir(artifacts, { recursive: true });
    const svgFile = join(artifacts, "graph-two-namespaces.svg");
    const shot = join(artifacts, "graph-two-namespaces.png");
    await writeFile(svgFile, await graph("--format", "svg"));
    const { execa } = await loadExeca();
    const chromium = ["chromium-headless-shell", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"];
    const dom = await execa(chromium[0], [...chromium.slice(1), "--dump-dom", `file://${svgFile}`], { reject: false });
    expect(dom.exitCode).toBe(0);
    // Parsed as SVG (an XML error would replace the document), with the topology's text in it.
    expect(dom.stdout).toMatch(/<svg[\s\S]*namespace ns1[\s\S]*<\/svg>/);
    expect(dom.stdout).not.toMatch(/parsererror/);
    const capture = await execa(chromium[0], [...chromium.slice(1), `--screenshot=${shot}`, "--window-size=1200,400", `file://${svgFile}`], { reject: false });
    expect(capture.exitCode).toBe(0);
    expect((await stat(shot)).size).toBeGreaterThan(5000);
});

test("--live: the machine as it is, pulumi-netns's objects filled, others (the world) dashed", async () => {
    const dot = await stack.project.command(["node", cli, "graph", "--live", "--format", "dot"]);
    expect(dot.exitCode).toBe(0);
    expect(dot.stdout).toMatch(/m0_ns_ns1 \[label="namespace ns1\\n192\.168\.1\.10\/24\\ndefault via 192\.168\.1\.1", shape=box, style="rounded,filled"/);
    expect(dot.stdout).toMatch(/m0_ns_wan \[label="namespace wan[^"]*", shape=box, style="rounded,dashed"/);
    expect(dot.stdout).toMatch(/m0_ns_ns1 -> m0_br_br0 \[label="ceth0 ⇄ veth0"\]/);
    expect(dot.stdout).toMatch(/masquerade 192\.168\.1\.0\/24/);
});

test("png needs a file; a bad format is named", async () => {
    const png = await stack.project.command(["node", cli, "graph", "--format", "png"]);
    expect(png).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("--format png needs --output FILE") });
    const bad = await stack.project.command(["node", cli, "graph", "--format", "jpeg"]);
    expect(bad.stderr).toContain('--format must be one of mermaid, dot, svg, png, not "jpeg"');
});

// Prints one line per test layer and a closing "N passed, N failed, N skipped" line from jest's JSON.
const { readFileSync, existsSync } = require("node:fs");

const file = process.argv[2];
if (!existsSync(file)) {
    console.log("tests: 0 passed, 1 failed (jest wrote no results)");
    process.exit(1);
}
const results = JSON.parse(readFileSync(file, "utf8"));
const layers = {};
for (const suite of results.testResults) {
    const layer = (/dist\/test\/([^/]+)\//.exec(suite.name) || [])[1] || "other";
    layers[layer] ??= { passed: 0, failed: 0, skipped: 0 };
    const counts = layers[layer];
    for (const t of suite.assertionResults) {
        const key = t.status === "passed" ? "passed" : t.status === "failed" ? "failed" : "skipped";
        counts[key]++;
    }
    if (suite.status === "failed" && !suite.assertionResults.some((t) => t.status === "failed")) {
        counts.failed++; // a file that could not load, or failed outside its tests (hooks, stray errors)
    }
}
const total = { passed: 0, failed: 0, skipped: 0 };
console.log("");
for (const [layer, c] of Object.entries(layers)) {
    console.log(`  ${layer.padEnd(7)} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
    for (const k of Object.keys(total)) total[k] += c[k];
}
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);

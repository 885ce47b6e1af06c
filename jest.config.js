// Three layers, run from the compiled tests in dist/: unit (no root), kernel (real kernel in a
// sandbox), e2e (the real Pulumi CLI in a sandbox).
module.exports = {
    projects: ["unit", "kernel", "e2e"].map((layer) => ({
        displayName: layer,
        testEnvironment: "node",
        testMatch: [`<rootDir>/dist/test/${layer}/**/*.test.js`],
    })),
    coverageProvider: "v8",
};

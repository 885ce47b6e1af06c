// Replaced by the output of `pulumi-netns import` before each run (test/e2e/adopt.test.ts).
export {};

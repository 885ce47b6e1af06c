// The plugin's components, their pure parts: the roster that settles a Network's members from
// separate attach calls, the checked arguments, and the schema's components and functions.

import { packageSchema } from "../../provider/package-schema/generate";
import { argsProblem, networkPlanArgs } from "../../provider/plugin/components/network-args";
import { WindowRoster } from "../../provider/plugin/components/roster-window";

test("the roster takes the members once none has arrived for a moment, and refuses one after", async () => {
    const roster = new WindowRoster<string>(50);
    roster.add("web", "late");
    await new Promise((r) => setTimeout(r, 20));
    roster.add("db", "late"); // within the window: the wait starts again
    expect(await roster.all).toEqual(["web", "db"]);
    expect(() => roster.add("cache", "cache came too late")).toThrow("cache came too late");
});

test("a closed roster is what it holds", async () => {
    const roster = new WindowRoster<string>(10_000);
    roster.add("ns1", "late");
    roster.close();
    expect(roster.isClosed).toBe(true);
    expect(await roster.all).toEqual(["ns1"]);
});

test("a Network's arguments are checked, the problem named by field", () => {
    expect(networkPlanArgs.parse({ subnet: "10.88.0.0/24" })).toEqual({ subnet: "10.88.0.0/24", masquerade: true, forwarding: true });
    const bad = networkPlanArgs.safeParse({ subnet: "10.88.0.0/24", members: [{ namespace: "ns1" }, { namespace: "all" }] });
    expect(bad.success).toBe(false);
    expect(argsProblem('Network "lab"', bad.error!)).toBe('Network "lab": members[1].namespace: is reserved by ip (all, default)');
});

test("the schema has the Network component with its methods, and the functions", () => {
    const schema = packageSchema("1.2.3");
    expect(schema.resources["netns:index:Network"]).toMatchObject({
        isComponent: true,
        requiredInputs: ["subnet"],
        methods: { attach: "netns:index:Network/attach", publish: "netns:index:Network/publish" },
    });
    expect(Object.keys(schema.functions).sort()).toEqual(["netns:index:Network/attach", "netns:index:Network/publish", "netns:index:getHostNetwork"]);
    // Every $ref names a type the schema has.
    const refs = [...JSON.stringify(schema).matchAll(/"\$ref":"#\/types\/([^"]+)"/g)].map((m) => m[1]);
    for (const ref of refs) {
        expect(Object.keys(schema.types)).toContain(ref);
    }
});

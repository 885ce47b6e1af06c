// `pulumi-netns graph` draws a Service inside the namespace it runs in.
import { drawing } from "../../provider/graph/draw";
import { toDot, toMermaid } from "../../provider/graph/formats";
import { topologyFromState } from "../../provider/graph/from-state";
import { labelsOf } from "../../provider/graph/topology";

const resource = (kind: string, outputs: Record<string, unknown>) => ({ type: `pulumi-nodejs:dynamic/netns:${kind}`, outputs });

test("a service is drawn inside its namespace, with its unit and command", () => {
    const state = {
        deployment: {
            resources: [
                resource("Namespace", { name: "ns1" }),
                resource("Namespace", { name: "ns2" }),
                resource("Service", {
                    unit: "netns-web.service",
                    namespace: "ns1",
                    command: ["python3", "-m", "http.server", "--bind", "192.168.1.10", "5000"],
                }),
            ],
        },
    };
    const t = topologyFromState(state);
    expect(t.machines[0].services).toEqual([
        { unit: "netns-web.service", namespace: "ns1", command: ["python3", "-m", "http.server", "--bind", "192.168.1.10", "5000"], owned: true },
    ]);
    const nodes = drawing(t)[0].nodes;
    expect(nodes.find((n) => n.id.endsWith("ns_ns1"))?.lines).toEqual([
        "namespace ns1",
        "service netns-web.service: python3 -m http.server --bind 192.168.1.10 5000",
    ]);
    expect(nodes.find((n) => n.id.endsWith("ns_ns2"))?.lines).toEqual(["namespace ns2"]);
    for (const label of labelsOf(t)) {
        expect(toDot(t)).toContain(label);
        expect(toMermaid(t)).toContain(label);
    }
});

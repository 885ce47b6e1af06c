// The classic recipe as one function: two namespaces on a bridge, each with a veth, an address
// and a default route; forwarding on; NAT for the subnet going out; a port forwarded in.
// On this machine, or on the one `connection` names (SSH).
import type * as pulumi from "@pulumi/pulumi";
import * as netns from "pulumi-netns";

export interface TopologyArgs {
    /** Absent: this machine. */
    connection?: pulumi.Input<netns.Connection>;
    names?: string[];
    bridgeName?: string;
    subnet?: string;
    hostPort?: number;
    targetPort?: number;
    /** Forward only what arrives for this address of the host; absent = any. */
    hostAddress?: pulumi.Input<string>;
    /** True on hosts whose FORWARD policy is DROP. */
    acceptForward?: boolean;
    /**
     * Run the seeds' server (`python3 -m http.server`) in the first namespace as a Service, on the
     * forwarded port; the port forward waits until it listens. Needs systemd as the machine's PID 1.
     */
    server?: boolean;
    /** Every resource waits for these (e.g. the instance it runs on). */
    dependsOn?: pulumi.Resource[];
}

export function twoNamespaces(args: TopologyArgs = {}) {
    const { connection, hostAddress, acceptForward, dependsOn = [] } = args;
    const names = args.names ?? ["ns1", "ns2"];
    const subnet = args.subnet ?? "192.168.1.0/24";
    const hostPort = args.hostPort ?? 5000;
    const targetPort = args.targetPort ?? 5000;

    // 192.168.1.0/24 -> gateway .1/24 on the bridge, namespaces from .10 up.
    const [network, prefix] = subnet.split("/");
    const base = network.split(".").map(Number);
    const addressAt = (n: number) => [...base.slice(0, 3), base[3] + n].join(".");
    const gateway = addressAt(1);

    const bridge = new netns.Bridge(args.bridgeName ?? "br0", { connection, addresses: [`${gateway}/${prefix}`] }, { dependsOn });

    const members = names.map((name, i) => {
        const ns = new netns.Namespace(name, { connection }, { dependsOn });
        const address = addressAt(10 + i);
        // Two names per link that fit in 15 characters: veth0/ceth0 for ns1, veth_red/ceth_red for red.
        const suffix = /^ns\d+$/.test(name) ? String(i) : `_${name}`;
        const link = new netns.VethPair(
            `${name}-link`,
            {
                connection,
                hostName: `veth${suffix}`,
                peerName: `ceth${suffix}`,
                namespace: ns.name,
                bridge: bridge.name,
                addresses: [`${address}/${prefix}`],
            },
            { dependsOn },
        );
        new netns.Route(`${name}-default`, { connection, namespace: ns.name, destination: "default", via: gateway }, { dependsOn: [...dependsOn, link] });
        return { name: ns.name, address, link };
    });

    // The seeds' last step: `ip netns exec ns1 python3 -m http.server --bind 192.168.1.10 5000`, supervised.
    const web = args.server
        ? new netns.Service(
              "web",
              {
                  connection,
                  namespace: members[0].name,
                  command: ["python3", "-m", "http.server", "--bind", members[0].address, String(targetPort)],
                  workingDirectory: "/usr/share/doc",
                  // http.server looks its address up in DNS before it listens: a namespace without
                  // DNS makes it wait out the resolver's timeouts.
                  readyPort: targetPort,
                  readyTimeoutSeconds: 120,
              },
              { dependsOn: [...dependsOn, members[0].link] },
          )
        : undefined;

    new netns.SysctlForward("forward", { connection }, { dependsOn });
    new netns.MasqueradeRule("nat", { connection, sourceCidr: subnet, excludeOutInterface: bridge.name, acceptForward }, { dependsOn });
    const forward = new netns.PortForward(
        "http",
        {
            connection,
            hostPort,
            targetAddress: members[0].address,
            targetPort,
            hostAddress,
            acceptForward,
        },
        { dependsOn: [...dependsOn, members[0].link, ...(web ? [web] : [])] },
    );

    return {
        bridgeAddress: gateway,
        namespaces: members.map((m) => m.name),
        addresses: Object.fromEntries(names.map((n, i) => [n, members[i].address])),
        forwarded: { hostPort, target: `${members[0].address}:${targetPort}`, rule: forward.ruleSpec },
        server: web?.unit,
    };
}

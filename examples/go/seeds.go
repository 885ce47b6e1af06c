package main

import (
	"fmt"

	"github.com/pulumi-netns/pulumi-netns/sdk/go/netns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// seeds is the seeds' topology as a user writes it: two namespaces on a bridge, forwarding, NAT out
// and a port forward in. No DependsOn anywhere: each resource waits for what its inputs name, and
// the provider orders the rest (a route waits for its namespace's link, a forward for its target).
func seeds(ctx *pulumi.Context) error {
	br0, err := netns.NewBridge(ctx, "br0", &netns.BridgeArgs{
		Addresses: pulumi.StringArray{pulumi.String("192.168.1.1/24")},
	})
	if err != nil {
		return err
	}
	var names pulumi.StringArray
	for i, name := range []string{"ns1", "ns2"} {
		ns, err := netns.NewNamespace(ctx, name, &netns.NamespaceArgs{})
		if err != nil {
			return err
		}
		if _, err := netns.NewVethPair(ctx, name+"-link", &netns.VethPairArgs{
			HostName:  pulumi.Sprintf("veth%d", i),
			PeerName:  pulumi.Sprintf("ceth%d", i),
			Namespace: ns.Name,
			Bridge:    br0.Name,
			Addresses: pulumi.StringArray{pulumi.String(fmt.Sprintf("192.168.1.%d/24", 10+i))},
		}); err != nil {
			return err
		}
		if _, err := netns.NewRoute(ctx, name+"-default", &netns.RouteArgs{
			Namespace:   ns.Name,
			Destination: pulumi.String("default"),
			Via:         pulumi.String("192.168.1.1"),
		}); err != nil {
			return err
		}
		names = append(names, ns.Name)
	}
	if _, err := netns.NewSysctlForward(ctx, "forward", &netns.SysctlForwardArgs{}); err != nil {
		return err
	}
	if _, err := netns.NewMasqueradeRule(ctx, "nat", &netns.MasqueradeRuleArgs{
		SourceCidr:          pulumi.String("192.168.1.0/24"),
		ExcludeOutInterface: br0.Name,
	}); err != nil {
		return err
	}
	http, err := netns.NewPortForward(ctx, "http", &netns.PortForwardArgs{
		HostPort:      pulumi.Int(5000),
		TargetAddress: pulumi.String("192.168.1.10"),
		TargetPort:    pulumi.Int(5000),
	})
	if err != nil {
		return err
	}
	ctx.Export("namespaces", names)
	ctx.Export("forwarded", http.RuleSpec)
	return nil
}

package main

import (
	"github.com/pulumi-netns/pulumi-netns/sdk/go/netns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// network is a whole subnet in a few lines: the Network component (served by the plugin) with two
// members and a published port. Each member gets a namespace, a veth, the pool's next free address
// and a default route; the network brings the bridge, forwarding and NAT out.
func network(ctx *pulumi.Context) error {
	lab, err := netns.NewNetwork(ctx, "lab", &netns.NetworkArgs{
		Subnet:     pulumi.String("10.88.0.0/24"),
		BridgeName: pulumi.String("lab0"),
	})
	if err != nil {
		return err
	}
	web, err := lab.Attach(ctx, &netns.NetworkAttachArgs{Namespace: pulumi.String("web")})
	if err != nil {
		return err
	}
	db, err := lab.Attach(ctx, &netns.NetworkAttachArgs{Namespace: pulumi.String("db")})
	if err != nil {
		return err
	}
	http, err := lab.Publish(ctx, &netns.NetworkPublishArgs{Name: pulumi.String("http"), Member: pulumi.String("web"), Port: pulumi.Int(8080)})
	if err != nil {
		return err
	}
	ctx.Export("addresses", pulumi.StringMap{"web": web.Ipv4(), "db": db.Ipv4()})
	ctx.Export("forwarded", http.RuleSpecs())
	return nil
}

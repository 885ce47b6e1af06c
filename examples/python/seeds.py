"""The seeds' topology as a user writes it: two namespaces on a bridge, forwarding, NAT out and a
port forward in. No depends_on anywhere: each resource waits for what its inputs name, and the
provider orders the rest (a route waits for its namespace's link, a forward for its target)."""
import pulumi
import pulumi_netns as netns


def seeds(provider=None):
    """Declares the seeds (on the machine of `provider`, if given) and exports what a user needs."""
    opts = pulumi.ResourceOptions(provider=provider) if provider else None
    br0 = netns.Bridge("br0", addresses=["192.168.1.1/24"], opts=opts)
    namespaces = []
    for i, name in enumerate(["ns1", "ns2"]):
        ns = netns.Namespace(name, opts=opts)
        netns.VethPair(
            f"{name}-link",
            host_name=f"veth{i}",
            peer_name=f"ceth{i}",
            namespace=ns.name,
            bridge=br0.name,
            addresses=[f"192.168.1.{10 + i}/24"],
            opts=opts,
        )
        netns.Route(f"{name}-default", namespace=ns.name, destination="default", via="192.168.1.1", opts=opts)
        namespaces.append(ns.name)
    netns.SysctlForward("forward", opts=opts)
    netns.MasqueradeRule("nat", source_cidr="192.168.1.0/24", exclude_out_interface=br0.name, opts=opts)
    http = netns.PortForward("http", host_port=5000, target_address="192.168.1.10", target_port=5000, opts=opts)
    pulumi.export("namespaces", namespaces)
    pulumi.export("forwarded", http.rule_spec)
    return http

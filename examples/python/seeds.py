"""The seeds' topology: two namespaces on a bridge, forwarding, NAT out and a port forward in."""
import pulumi
import pulumi_netns as netns

br0 = netns.Bridge("br0", addresses=["192.168.1.1/24"])

namespaces = {}
links = {}
for i, name in enumerate(["ns1", "ns2"]):
    ns = netns.Namespace(name)
    link = netns.VethPair(
        f"{name}-link",
        host_name=f"veth{i}",
        peer_name=f"ceth{i}",
        namespace=ns.name,
        bridge=br0.name,
        addresses=[f"192.168.1.{10 + i}/24"],
    )
    netns.Route(
        f"{name}-default",
        namespace=ns.name,
        destination="default",
        via="192.168.1.1",
        opts=pulumi.ResourceOptions(depends_on=[link]),
    )
    namespaces[name] = ns
    links[name] = link

forward = netns.SysctlForward("forward")
nat = netns.MasqueradeRule("nat", source_cidr="192.168.1.0/24", exclude_out_interface=br0.name)
http = netns.PortForward(
    "http",
    host_port=5000,
    target_address="192.168.1.10",
    target_port=5000,
    opts=pulumi.ResourceOptions(depends_on=[links["ns1"]]),
)

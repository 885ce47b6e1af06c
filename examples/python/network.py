"""A whole subnet in a few lines: the Network component (served by the plugin) with two members
and a published port. Each member gets a namespace, a veth, the pool's next free address and a
default route; the network brings the bridge, forwarding and NAT out."""
import pulumi
import pulumi_netns as netns


def network(provider=None):
    """Declares the network (on the machine of `provider`, if given) and exports its members' addresses."""
    opts = pulumi.ResourceOptions(providers=[provider]) if provider else None
    lab = netns.Network("lab", subnet="10.88.0.0/24", bridge_name="lab0", opts=opts)
    web = lab.attach(namespace="web")
    db = lab.attach(namespace="db")
    http = lab.publish(name="http", member="web", port=8080)
    pulumi.export("addresses", {"web": web.ipv4, "db": db.ipv4})
    pulumi.export("forwarded", http.rule_specs)
    # The machine as it is, read when the program runs (preview too): the usual NAT uplink.
    pulumi.export("uplink", netns.get_host_network_output().uplink)
    return lab

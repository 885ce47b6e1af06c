"""The Python SDK generated from the package schema, under Pulumi's mocks: the seeds' program
registers the plugin's resource types with the property names the plugin reads."""
import unittest

import pulumi

registered = []


class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        registered.append((args.typ, args.name, dict(args.inputs)))
        outputs = dict(args.inputs)
        outputs.setdefault("name", args.name)
        if args.typ == "netns:index:PortForward":
            outputs["ruleSpec"] = "-t nat -A PREROUTING -p tcp --dport 5000 -j DNAT"
        return [f"{args.name}-id", outputs]

    def call(self, args: pulumi.runtime.MockCallArgs):
        return {}


pulumi.runtime.set_mocks(Mocks(), preview=False)

from seeds import seeds  # noqa: E402

http = seeds()  # the program registers its resources under the mocks


def inputs_of(name):
    return next(i for (_, n, i) in registered if n == name)


class SeedsTest(unittest.TestCase):
    @pulumi.runtime.test
    def test_types(self):
        def check(_):
            types = sorted(t for (t, _, _) in registered)
            self.assertEqual(
                types,
                sorted(
                    ["netns:index:Bridge", "netns:index:MasqueradeRule", "netns:index:PortForward", "netns:index:SysctlForward"]
                    + ["netns:index:Namespace", "netns:index:VethPair", "netns:index:Route"] * 2
                ),
            )

        return http.urn.apply(check)

    @pulumi.runtime.test
    def test_wire_names(self):
        def check(_):
            link = inputs_of("ns1-link")
            self.assertEqual(link["hostName"], "veth0")
            self.assertEqual(link["peerName"], "ceth0")
            self.assertEqual(link["namespace"], "ns1")
            self.assertEqual(link["bridge"], "br0")
            self.assertEqual(link["addresses"], ["192.168.1.10/24"])
            self.assertEqual(inputs_of("nat")["sourceCidr"], "192.168.1.0/24")
            self.assertEqual(inputs_of("nat")["excludeOutInterface"], "br0")
            forward = inputs_of("http")
            self.assertEqual((forward["hostPort"], forward["targetAddress"], forward["targetPort"]), (5000, "192.168.1.10", 5000))
            # Defaults from the schema reach the plugin as values.
            self.assertEqual(forward["protocol"], "tcp")
            self.assertIs(inputs_of("ns1")["loopbackUp"], True)

        return http.urn.apply(check)

    @pulumi.runtime.test
    def test_outputs(self):
        return http.rule_spec.apply(lambda spec: self.assertIn("DNAT", spec))


if __name__ == "__main__":
    unittest.main()

"""A Pulumi program in Python: the seeds' topology (seeds.py) and what a user needs from it."""
import pulumi

import seeds

pulumi.export("namespaces", [ns.name for ns in seeds.namespaces.values()])
pulumi.export("forwarded", seeds.http.rule_spec)

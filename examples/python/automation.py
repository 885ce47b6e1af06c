"""Runs this folder's programs with Pulumi's Automation API: the program is a Python function
handed to the CLI (an inline program), so only the `pulumi` CLI and the pulumi-resource-netns
plugin are needed, not the CLI's Python language host.

    python automation.py up|preview|refresh|destroy|outputs|export [--stack dev] [--program seeds|network]
                         [--remote HOST --user USER --key FILE --host-key "ssh-ed25519 AAAA..."]

State goes where PULUMI_BACKEND_URL says (`pulumi login` otherwise); the project's scripts point
it at a local file backend. With --remote, every resource is made on that machine over SSH.
`export` prints the stack's state as `pulumi stack export` does (for `pulumi-netns graph --file`).
"""
import argparse
import json
import sys

import pulumi
import pulumi_netns as netns
from pulumi import automation as auto

from network import network
from seeds import seeds

PROGRAMS = {"seeds": seeds, "network": network}


def program_of(args):
    def program():
        provider = None
        if args.remote:
            with open(args.key) as key:
                provider = netns.Provider(
                    "remote",
                    connection=netns.ConnectionArgs(
                        host=args.remote,
                        port=args.port,
                        user=args.user,
                        private_key=key.read(),
                        host_key=args.host_key,
                        sudo=args.sudo,
                    ),
                )
        PROGRAMS[args.program](provider)

    return program


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["up", "preview", "refresh", "destroy", "outputs", "export"])
    parser.add_argument("--stack", default="dev")
    parser.add_argument("--program", choices=sorted(PROGRAMS), default="seeds")
    parser.add_argument("--remote", help="the machine to configure over SSH (default: this one)")
    parser.add_argument("--port", type=int, default=22)
    parser.add_argument("--user", default="root")
    parser.add_argument("--key", help="the SSH private key's file")
    parser.add_argument("--host-key", help="the machine's public host key, as in known_hosts")
    parser.add_argument("--sudo", action="store_true", help="run commands through sudo -n")
    parser.add_argument("--expect-no-changes", action="store_true", help="preview: fail when anything would change")
    args = parser.parse_args()

    stack = auto.create_or_select_stack(
        stack_name=args.stack,
        project_name=f"netns-{args.program}-python",
        program=program_of(args),
    )
    out = {"on_output": print, "color": "never"}
    if args.command == "up":
        stack.up(**out)
    elif args.command == "preview":
        result = stack.preview(expect_no_changes=args.expect_no_changes, diff=True, **out)
        print(json.dumps({"changes": result.change_summary}))
    elif args.command == "refresh":
        stack.refresh(**out)
    elif args.command == "destroy":
        stack.destroy(**out)
    elif args.command == "export":
        state = stack.export_stack()
        print(json.dumps({"version": state.version, "deployment": state.deployment}))
    if args.command in ("up", "outputs"):
        outputs = {k: v.value for k, v in stack.outputs().items()}
        print(json.dumps({"outputs": outputs}))


if __name__ == "__main__":
    try:
        main()
    except auto.errors.CommandError as e:
        print(e, file=sys.stderr)
        sys.exit(1)

// A machine with nftables and no iptables commands (a sandbox whose /usr/sbin has no *tables
// program): the seeds through the real CLI get the nftables backend, preview says so, NAT, DNAT,
// the host itself and the hairpin work, every rule is in our table marked as ours, another table
// is untouched, `nft flush ruleset` is repaired by `pulumi up --refresh`, destroy leaves it as found.
import { failedChecks, seedChecks } from "../../sandbox/seed-checks";
import { startServer } from "../../sandbox/world";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(240_000);

/** Someone else's table: a drop-nothing filter of their own, which must stay as it is. */
const addTheirs = async (sh: (...argv: string[]) => Promise<string>) => {
    await sh("nft", "add", "table", "inet", "theirs");
    await sh("nft", "add", "chain", "inet", "theirs", "input", "{ type filter hook input priority 0 ; policy accept ; }");
    await sh("nft", "add", "rule", "inet", "theirs", "input", "tcp", "dport", "2222", "counter", "accept");
};

let rulesetBefore: string;
const stack = useSandboxedStack("examples/two-namespaces", {
    world: true,
    prepare: async (sandbox) => {
        await sandbox.hideIptables();
        await addTheirs((...argv) => sandbox.sh(...argv));
        rulesetBefore = await sandbox.nftRuleset();
    },
});

const serve = () => startServer(stack.sandbox, "ns1", "192.168.1.10", 5000, "ns1");

test("preview says the machine gets nftables", async () => {
    expect((await stack.sandbox.run(["iptables-save"])).exitCode).not.toBe(0);
    const preview = await stack.project.ok("preview", "--diff");
    expect(preview.stdout.match(/firewall\s*: "nftables"/g)).toHaveLength(2); // the MasqueradeRule and the PortForward
});

test("up: NAT, DNAT, the host itself and the hairpin, every rule in table ip pulumi-netns and marked as ours", async () => {
    await stack.project.up();
    await serve();
    expect(failedChecks(await seedChecks(stack.sandbox))).toEqual([]);
    const ours = await stack.sandbox.sh("nft", "list", "table", "ip", "pulumi-netns");
    const rules = ours.split("\n").filter((l) => /(masquerade|dnat to)/.test(l));
    expect(rules).toHaveLength(4); // masquerade, DNAT from prerouting and output, hairpin
    expect(rules.every((l) => / comment "pulumi-netns:[0-9a-f]{12} [0-9a-f]{10}"$/.test(l.trim()))).toBe(true);
    expect(await stack.sandbox.sh("nft", "list", "table", "inet", "theirs")).toMatch(/tcp dport 2222/);
    await stack.project.up();
    expect(await stack.project.lastChanges()).toEqual({ same: 12 });
});

test("`nft flush ruleset` (a firewall reload): refresh finds the rules gone, up puts them back", async () => {
    await stack.sandbox.sh("nft", "flush", "ruleset");
    await addTheirs((...argv) => stack.sandbox.sh(...argv));
    const refresh = await stack.project.ok("refresh", "--yes", "--skip-preview");
    expect(refresh.stdout).toMatch(/MasqueradeRule nat .*deleted/);
    expect(refresh.stdout).toMatch(/PortForward http .*deleted/);
    await stack.project.up();
    expect(await stack.project.lastChanges()).toEqual({ create: 2, same: 10 });
    expect(failedChecks(await seedChecks(stack.sandbox))).toEqual([]);
});

test("destroy leaves the ruleset and the machine as found", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.sandbox.nftRuleset()).toBe(rulesetBefore);
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});

// Beside a real Docker daemon (Debian's docker.io, started inside the sandbox, a busybox container
// publishing port 8080): preview names acceptForward on Docker's FORWARD DROP, refuses Docker's
// port and subnet, and says the nftables backend cannot answer that DROP; the seeds work beside
// the container with iptables; a dockerd restart leaves them working; destroy leaves Docker's rules,
// its container and forwarding as they were.
import { httpGet } from "../../sandbox/checks";
import { DockerDaemon } from "../../sandbox/docker";
import type { SandboxSnapshot } from "../../sandbox/sandbox";
import { failedChecks, seedChecks } from "../../sandbox/seed-checks";
import { startServer, WORLD } from "../../sandbox/world";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(240_000);

let docker: DockerDaemon | undefined;
// Declared before the stack's own afterAll, so the daemon and its containers go before the sandbox.
afterAll(async () => {
    await docker?.dispose();
});

const stack = useSandboxedStack("examples/two-namespaces", {
    world: true,
    prepare: async (sandbox) => {
        docker = await DockerDaemon.start(sandbox);
        await docker.cli("run", "-d", "--restart", "always", "--name", "web", "-p", "8080:80", "mini", "/bin/busybox", "httpd", "-f", "-p", "80", "-h", "/www");
        await docker.noteContainers();
    },
});

const published = `http://${WORLD.uplinkAddress}:8080/`;
/** The snapshot but a container's veth (and its link-local route), whose name Docker draws anew at each start. */
const containerVeth = /\bveth[0-9a-f]{7}\b/;
const steady = (s: SandboxSnapshot) => ({ ...s, links: s.links.filter((l) => !containerVeth.test(l)), routes: s.routes.filter((r) => !containerVeth.test(r)) });

test("preview: Docker's FORWARD DROP names acceptForward; Docker's port and subnet are refused; nftables cannot answer Docker's DROP", async () => {
    expect(await httpGet(stack.sandbox, "client", published)).toEqual({ ok: true, detail: "mini" });
    const plain = await stack.project.pulumi("preview");
    expect(plain.stdout).toMatch(
        /MasqueradeRule resource 'nat': property acceptForward value .* has a problem: the FORWARD chain on this machine drops by default/,
    );

    await stack.project.setConfig({ acceptForward: "true", hostPort: "8080" });
    expect((await stack.project.pulumi("preview")).stdout).toMatch(
        /PortForward resource 'http': property hostPort .* tcp port 8080 is (in use|already forwarded)/,
    );
    await stack.project.setConfig({ hostPort: "5000", subnet: "172.17.0.0/24" });
    expect((await stack.project.pulumi("preview")).stdout).toMatch(/Bridge resource 'br0': property addresses .*172.17.0.0\/16 on docker0/);

    await stack.project.setConfig({ subnet: "192.168.1.0/24" });
    Object.assign(stack.project.environment, { PULUMI_NETNS_FIREWALL: "nftables" });
    const nft = await stack.project.pulumi("preview");
    delete stack.project.environment.PULUMI_NETNS_FIREWALL;
    expect(nft.stdout).toMatch(/"ip filter FORWARD" on this machine drops forwarded traffic by default/);
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});

test("with iptables and acceptForward, the seeds work beside the container, and a dockerd restart leaves them working", async () => {
    await stack.project.setConfig({ acceptForward: "true" });
    await stack.project.up();
    await startServer(stack.sandbox, "ns1", "192.168.1.10", 5000, "ns1");
    expect(failedChecks(await seedChecks(stack.sandbox))).toEqual([]);
    expect(await httpGet(stack.sandbox, "client", published)).toEqual({ ok: true, detail: "mini" });

    // After a restart Docker's container is running again with its rules back; in this sandbox it
    // then refuses connections even from the sandbox's host (Docker's own endpoint, not a rule of
    // ours), so what is held here is ours: the seeds' checks and a preview with no changes.
    await docker!.restart();
    await docker!.noteContainers();
    expect(await docker!.cli("ps", "--filter", "name=web", "--format", "{{.Ports}}")).toMatch(/0\.0\.0\.0:8080->80\/tcp/);
    expect(failedChecks(await seedChecks(stack.sandbox))).toEqual([]);
    await stack.project.ok("preview", "--refresh", "--expect-no-changes");
});

test("destroy leaves Docker's rules, its container and forwarding as they were", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(steady(await stack.sandbox.snapshot())).toEqual(steady(stack.before));
    expect(stack.before.iptables).toMatch(/-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80/);
    expect(await docker!.cli("ps", "--format", "{{.Names}} {{.Status}}")).toMatch(/^web Up/);
    expect(await httpGet(stack.sandbox, "client", published)).toEqual({ ok: true, detail: "mini" });
});

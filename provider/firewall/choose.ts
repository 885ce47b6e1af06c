// Which firewall a machine gets: iptables where it has the iptables commands (what Docker and most
// firewalls there rely on), nftables where it has only `nft`. PULUMI_NETNS_FIREWALL in the
// provider's environment, or a resource's `firewall` input, says otherwise. A resource keeps the
// backend it was made with (recorded in its state), so a stack never moves its rules on its own.
import type { Host } from "../host/host";
import type { FirewallBackend, FirewallName } from "./backend";
import { IptablesBackend } from "./iptables-backend";
import { NftablesBackend } from "./nftables-backend";

export const FIREWALLS = ["iptables", "nftables"] as const;

/** The default where nothing says otherwise and the machine has both. */
export const DEFAULT_FIREWALL: FirewallName = "iptables";

export function backendFor(host: Host, name: FirewallName): FirewallBackend {
    return name === "nftables" ? new NftablesBackend(host) : new IptablesBackend(host);
}

/** The provider-wide choice, `PULUMI_NETNS_FIREWALL=nftables`; an unknown value is an error, said plainly. */
export function firewallFromEnvironment(env = process.env): FirewallName | undefined {
    const value = env.PULUMI_NETNS_FIREWALL;
    if (value === undefined || value === "") {
        return undefined;
    }
    if (!(FIREWALLS as readonly string[]).includes(value)) {
        throw new Error(`PULUMI_NETNS_FIREWALL is "${value}": must be "iptables" or "nftables"`);
    }
    return value as FirewallName;
}

/** True when `argv` runs there and exits 0 (a program missing on this machine rejects; over SSH, exit 127). */
const runs = (host: Host, argv: string[]) =>
    host.run(argv).then(
        (r) => r.exitCode === 0,
        () => false,
    );

const detected = new WeakMap<Host, Promise<FirewallName | undefined>>();

/** What the machine has: iptables when its three commands run, else nftables when `nft` does, else nothing. */
export function machineFirewall(host: Host): Promise<FirewallName | undefined> {
    let found = detected.get(host);
    if (!found) {
        found = (async () => {
            const [ipt, save, restore] = await Promise.all([
                runs(host, ["iptables", "--version"]),
                runs(host, ["iptables-save", "--version"]),
                runs(host, ["iptables-restore", "--version"]),
            ]);
            if (ipt && save && restore) {
                return "iptables";
            }
            return (await runs(host, ["nft", "--version"])) ? "nftables" : undefined;
        })();
        found.catch(() => detected.delete(host));
        detected.set(host, found);
    }
    return found;
}

/** The backend a new resource gets: its own `firewall`, else the provider's, else the machine's (undefined: neither is installed). */
export async function chooseFirewall(host: Host, chosen: FirewallName | undefined): Promise<FirewallName | undefined> {
    return chosen ?? firewallFromEnvironment() ?? (await machineFirewall(host));
}

/** Why a machine cannot hold rules: neither firewall is installed. */
export const NO_FIREWALL = "neither iptables (iptables, iptables-save, iptables-restore) nor nftables (nft) is installed there; install one of them";

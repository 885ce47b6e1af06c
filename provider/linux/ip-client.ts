// The `ip` verbs the providers need, bound to one Host. Reads return undefined for "not there";
// deletes treat "not there" as done; everything else that fails throws a CommandError.
import { CommandError, ensureSuccess } from "../host/command-error";
import type { Host, RunResult } from "../host/host";
import { fdbAppend, fdbDelete, fdbShow, parseRemotes } from "./fdb";
import * as argv from "./ip-argv";
import { failedCommand, ipBatch } from "./ip-batch";
import {
    type Address,
    type Link,
    type LinkListing,
    parseAddresses,
    parseLinkListings,
    parseLinks,
    parseNetnsNames,
    parseRoutes,
    type Reach,
    type RouteEntry,
    reachOf,
} from "./ip-json";
import { isExists, isNotFound, isUnreachable } from "./kernel-errors";

export type AddResult = "created" | "exists";

export class IpClient {
    constructor(readonly host: Host) {}

    private async ok(args: string[]): Promise<string> {
        return ensureSuccess(await this.host.run(args)).stdout;
    }

    /**
     * Runs `commands` in one `ip` process (see ip-batch); when one fails, the result is that
     * command's own, as if it had run alone, and the ones after it did not run.
     */
    private async runAll(commands: string[][]): Promise<RunResult> {
        if (commands.length === 1) {
            return this.host.run(commands[0]);
        }
        const batch = ipBatch(commands);
        const result = await this.host.run(batch.argv, { input: batch.input });
        return result.exitCode === 0 ? result : { ...result, ...failedCommand(batch, result.stderr) };
    }

    /** Runs `commands` (one namespace) in one process and returns what they printed; throws at the first that fails. */
    async all(commands: string[][]): Promise<string> {
        return ensureSuccess(await this.runAll(commands)).stdout;
    }

    /** Runs a create; "exists" instead of an error when the object is already there. */
    private async add(args: string[]): Promise<AddResult> {
        const result = await this.host.run(args);
        if (isExists(result)) {
            return "exists";
        }
        ensureSuccess(result);
        return "created";
    }

    /** Runs a delete; false when there was nothing to delete. */
    private async remove(args: string[]): Promise<boolean> {
        const result = await this.host.run(args);
        if (isNotFound(result)) {
            return false;
        }
        ensureSuccess(result);
        return true;
    }

    async netnsNames(): Promise<string[]> {
        return parseNetnsNames(await this.ok(argv.netnsList()));
    }

    netnsAdd(name: string): Promise<AddResult> {
        return this.add(argv.netnsAdd(name));
    }

    netnsDelete(name: string): Promise<boolean> {
        return this.remove(argv.netnsDelete(name));
    }

    /** The link, or undefined when it (or its namespace) does not exist. */
    async link(name: string, namespace?: string): Promise<Link | undefined> {
        const result = await this.host.run(argv.linkShow(name, namespace));
        if (isNotFound(result)) {
            return undefined;
        }
        return parseLinks(ensureSuccess(result).stdout)[0];
    }

    /** The link and its addresses from one listing, or undefined when it (or its namespace) does not exist. */
    async linkWithAddresses(name: string, namespace?: string): Promise<LinkListing | undefined> {
        const result = await this.host.run(argv.linkAndAddrShow(name, namespace));
        if (isNotFound(result)) {
            return undefined;
        }
        return parseLinkListings(ensureSuccess(result).stdout)[0];
    }

    /** Changes a link's owner mark, bridge and state in one request. */
    async linkChange(name: string, change: argv.LinkChange, namespace?: string): Promise<void> {
        await this.ok(argv.linkConfigure(name, change, namespace));
    }

    /**
     * Sets up a link just made: owner mark, bridge and state in one request, then its addresses;
     * returns the link as it then is. One process for all of it.
     */
    async configureLink(name: string, change: argv.LinkChange, addresses: readonly string[] = [], namespace?: string): Promise<Link> {
        const [link] = parseLinks(
            await this.all([
                argv.linkConfigure(name, change, namespace),
                ...addresses.map((cidr) => argv.addrAdd(cidr, name, namespace)),
                argv.linkShow(name, namespace),
            ]),
        );
        return link;
    }

    /**
     * Makes a link and sets it up (`configureLink`) in one process: "exists", with nothing done,
     * when the name is taken. A failure after the link was made deletes it before throwing, so
     * nothing is left half made.
     */
    private async addConfigured(add: string[], name: string, change: argv.LinkChange, addresses: readonly string[]): Promise<Link | "exists"> {
        const setUp = [argv.linkConfigure(name, change), ...addresses.map((cidr) => argv.addrAdd(cidr, name)), argv.linkShow(name)];
        const result = await this.runAll([add, ...setUp]);
        if (result.exitCode === 0) {
            return parseLinks(result.stdout)[0];
        }
        if (result.argv === add) {
            if (isExists(result)) {
                return "exists";
            }
            throw new CommandError(result);
        }
        const undone = await this.linkDelete(name).then(
            () => "",
            (undoErr: Error) => `\n(deleting the half-made ${name} failed too: ${undoErr.message})`,
        );
        throw new CommandError({ ...result, stderr: result.stderr + undone });
    }

    /** A new bridge, marked, up and addressed (see addConfigured). */
    /** A new VXLAN link, marked, enslaved and up (see addConfigured). */
    vxlanAddConfigured(name: string, spec: argv.VxlanSpec, mtu: number | undefined, change: argv.LinkChange): Promise<Link | "exists"> {
        return this.addConfigured(argv.vxlanAdd(name, spec, mtu), name, change, []);
    }

    /** The remotes of a VXLAN link (its all-zeros FDB entries). */
    async vxlanRemotes(name: string): Promise<string[]> {
        return parseRemotes(await this.ok(fdbShow(name)));
    }

    /** Adds and removes remotes of a VXLAN link, all in one `bridge -batch` process. */
    async changeRemotes(name: string, add: readonly string[], remove: readonly string[]): Promise<void> {
        const commands = [...remove.map((r) => fdbDelete(name, r)), ...add.map((r) => fdbAppend(name, r))];
        if (commands.length > 0) {
            await this.all(commands);
        }
    }

    bridgeAddConfigured(name: string, mtu: number | undefined, change: argv.LinkChange, addresses: readonly string[]): Promise<Link | "exists"> {
        return this.addConfigured(argv.bridgeAdd(name, mtu), name, change, addresses);
    }

    /** A new veth pair with its peer born in `namespace`, the host end marked, enslaved and up (see addConfigured). */
    vethAddConfigured(hostName: string, peerName: string, namespace: string, mtu: number | undefined, change: argv.LinkChange): Promise<Link | "exists"> {
        return this.addConfigured(argv.vethAdd(hostName, peerName, namespace, mtu), hostName, change, []);
    }

    async linkSetUp(name: string, up: boolean, namespace?: string): Promise<void> {
        await this.ok(argv.linkSetUp(name, up, namespace));
    }

    async linkSetMtu(name: string, mtu: number, namespace?: string): Promise<void> {
        await this.ok(argv.linkSetMtu(name, mtu, namespace));
    }

    linkDelete(name: string, namespace?: string): Promise<boolean> {
        return this.remove(argv.linkDelete(name, namespace));
    }

    async addresses(name: string, namespace?: string): Promise<Address[]> {
        return parseAddresses(await this.ok(argv.addrShow(name, namespace)));
    }

    /** The addresses a namespace's links hold; undefined when there is no such namespace. */
    async namespaceAddresses(namespace: string): Promise<Address[] | undefined> {
        const r = await this.host.run(argv.addrShowAll(namespace));
        return r.exitCode === 0 ? parseAddresses(r.stdout) : undefined;
    }

    addrAdd(cidr: string, name: string, namespace?: string): Promise<AddResult> {
        return this.add(argv.addrAdd(cidr, name, namespace));
    }

    addrDelete(cidr: string, name: string, namespace?: string): Promise<boolean> {
        return this.remove(argv.addrDelete(cidr, name, namespace));
    }

    async linkSetMaster(name: string, bridge?: string): Promise<void> {
        await this.ok(argv.linkSetMaster(name, bridge));
    }

    /**
     * Adds a route and lists the routes to its destination made with its protocol, in one process;
     * "unreachable" when its gateway or namespace is not there (yet).
     */
    async routeAdd(
        route: argv.RouteSpec,
        namespace?: string,
    ): Promise<{ outcome: "created"; routes: RouteEntry[] } | { outcome: "exists" } | { outcome: "unreachable" }> {
        const result = await this.runAll([argv.routeAdd(route, namespace), argv.routeShow(route, namespace)]);
        if (isUnreachable(result)) {
            return { outcome: "unreachable" };
        }
        if (isExists(result)) {
            return { outcome: "exists" };
        }
        return { outcome: "created", routes: parseRoutes(ensureSuccess(result).stdout) };
    }

    /** Replaces the route of the same key (another protocol, say) in one step, and lists the routes made with its protocol. */
    async routeReplace(route: argv.RouteSpec, namespace?: string): Promise<RouteEntry[]> {
        return parseRoutes(ensureSuccess(await this.runAll([argv.routeReplace(route, namespace), argv.routeShow(route, namespace)])).stdout);
    }

    /** Routes to exactly this destination, whoever made them; [] when the namespace is gone. */
    async routesToward(route: Pick<argv.RouteSpec, "family" | "destination">, namespace?: string): Promise<RouteEntry[]> {
        const result = await this.host.run(argv.routeShowAll(route, namespace));
        return isNotFound(result) ? [] : parseRoutes(ensureSuccess(result).stdout);
    }

    routeDelete(route: argv.RouteSpec, namespace?: string): Promise<boolean> {
        return this.remove(argv.routeDelete(route, namespace));
    }

    /** Routes to exactly this destination made with this protocol; [] when the namespace is gone. */
    async routes(route: argv.RouteSpec, namespace?: string): Promise<RouteEntry[]> {
        const result = await this.host.run(argv.routeShow(route, namespace));
        if (isNotFound(result)) {
            return [];
        }
        return parseRoutes(ensureSuccess(result).stdout);
    }

    /** How the host reaches `address` now: on one of its networks (e.g. a bridge's subnet), routed, or not at all. */
    async reach(address: string): Promise<Reach> {
        return reachOf(parseRoutes(await this.ok(argv.routesMatching(address))));
    }
}

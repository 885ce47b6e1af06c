// The `ip` verbs the providers need, bound to one Host. Reads return undefined for "not there";
// deletes treat "not there" as done; everything else that fails throws a CommandError.
import { ensureSuccess } from "../host/command-error";
import type { Host } from "../host/host";
import * as argv from "./ip-argv";
import { type Address, type Link, parseAddresses, parseLinks, parseNetnsNames, parseRoutes, type Reach, type RouteEntry, reachOf } from "./ip-json";
import { isExists, isNotFound, isUnreachable } from "./kernel-errors";

export type AddResult = "created" | "exists";

export class IpClient {
    constructor(readonly host: Host) {}

    private async ok(args: string[]): Promise<string> {
        return ensureSuccess(await this.host.run(args)).stdout;
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

    bridgeAdd(name: string, mtu?: number): Promise<AddResult> {
        return this.add(argv.bridgeAdd(name, mtu));
    }

    async linkSetUp(name: string, up: boolean, namespace?: string): Promise<void> {
        await this.ok(argv.linkSetUp(name, up, namespace));
    }

    async linkSetMtu(name: string, mtu: number, namespace?: string): Promise<void> {
        await this.ok(argv.linkSetMtu(name, mtu, namespace));
    }

    async linkSetAlias(name: string, alias: string, namespace?: string): Promise<void> {
        await this.ok(argv.linkSetAlias(name, alias, namespace));
    }

    linkDelete(name: string, namespace?: string): Promise<boolean> {
        return this.remove(argv.linkDelete(name, namespace));
    }

    async addresses(name: string, namespace?: string): Promise<Address[]> {
        return parseAddresses(await this.ok(argv.addrShow(name, namespace)));
    }

    addrAdd(cidr: string, name: string, namespace?: string): Promise<AddResult> {
        return this.add(argv.addrAdd(cidr, name, namespace));
    }

    addrDelete(cidr: string, name: string, namespace?: string): Promise<boolean> {
        return this.remove(argv.addrDelete(cidr, name, namespace));
    }

    vethAdd(hostName: string, peerName: string, namespace: string, mtu?: number): Promise<AddResult> {
        return this.add(argv.vethAdd(hostName, peerName, namespace, mtu));
    }

    async linkSetMaster(name: string, bridge?: string): Promise<void> {
        await this.ok(argv.linkSetMaster(name, bridge));
    }

    /** Adds a route; "unreachable" when its gateway or namespace is not there (yet). */
    async routeAdd(route: argv.RouteSpec, namespace?: string): Promise<AddResult | "unreachable"> {
        const result = await this.host.run(argv.routeAdd(route, namespace));
        if (isUnreachable(result)) {
            return "unreachable";
        }
        if (isExists(result)) {
            return "exists";
        }
        ensureSuccess(result);
        return "created";
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

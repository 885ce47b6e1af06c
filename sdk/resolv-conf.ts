// A namespace's resolver configuration: /etc/netns/<ns>/resolv.conf, what `ip netns exec` shows as /etc/resolv.conf.
import type * as pulumi from "@pulumi/pulumi";
import type { ResolvConfInputs, ResolvConfState } from "./kind-types";
import { type ArgsOf, NetnsResource, type OutputsOf } from "./netns-resource";

/** The arguments of a ResolvConf: its fields and their documentation come from its schema. */
export type ResolvConfArgs = ArgsOf<ResolvConfInputs>;

/** Its outputs: every field of its state. */
export interface ResolvConf extends OutputsOf<ResolvConfState> {}

/**
 * The name servers (and search domains) of programs run in a namespace. The file carries an owner
 * mark and is removed with the resource; `nameservers` and `search` update in place.
 *
 * ```ts
 * new netns.ResolvConf("ns1-dns", { namespace: ns1.name, nameservers: ["198.51.100.53"] });
 * ```
 */
export class ResolvConf extends NetnsResource {
    constructor(name: string, args: ResolvConfArgs, opts?: pulumi.CustomResourceOptions) {
        super("ResolvConf", name, args, opts);
    }
}

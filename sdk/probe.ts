// A check that traffic flows (or does not), run during `up`.
import type * as pulumi from "@pulumi/pulumi";
import type { ProbeInputs, ProbeState } from "./kind-types";
import { type ArgsOf, NetnsResource, type OutputsOf } from "./netns-resource";

/** The arguments of a Probe: its fields and their documentation come from its schema. */
export type ProbeArgs = ArgsOf<ProbeInputs>;

/** Its outputs: every field of its state. */
export interface Probe extends OutputsOf<ProbeState> {}

/**
 * Proves traffic flows during `up`: a ping, a TCP connect or an HTTP request from a namespace (or
 * the host) to an address. It runs after the resources it depends on (pass them as inputs or in
 * `dependsOn`); when the result is not `expect`, `up` fails on it with a diagnosis of the path
 * (route, links down, forwarding, FORWARD policy and counters, NAT rules matched). `pulumi refresh`
 * probes again and shows a changed result as drift; the next `up` probes once more.
 *
 * ```ts
 * new netns.Probe("ns1-to-ns2", { from: "ns1", to: "192.168.1.11" });
 * ```
 */
export class Probe extends NetnsResource {
    constructor(name: string, args: ProbeArgs, opts?: pulumi.CustomResourceOptions) {
        super("Probe", name, args, opts);
    }
}

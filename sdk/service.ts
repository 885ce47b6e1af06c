// A program running inside a network namespace, under the machine's systemd.
import type * as pulumi from "@pulumi/pulumi";
import type { ServiceInputs, ServiceState } from "./kind-types";
import { type ArgsOf, NetnsResource, type OutputsOf } from "./netns-resource";

/** The arguments of a Service: its fields and their documentation come from its schema. */
export type ServiceArgs = Omit<ArgsOf<ServiceInputs>, "environment"> & {
    /**
     * Environment variables of the program; values may be secrets. Kept secret in state, written to
     * a file only root can read, never into the unit's properties. @default {}
     */
    environment?: pulumi.Input<Record<string, pulumi.Input<string>>>;
};

/** Its outputs: every field of its state (`unit`, `mainPid`, `active` among them). */
export interface Service extends OutputsOf<ServiceState> {}

/**
 * A program run by the machine's systemd inside a network namespace, as a runtime unit
 * `netns-<name>.service` joining `/run/netns/<namespace>`. `up` starts it and, with `readyPort`,
 * returns once it listens there; systemd restarts it by `restart`; `pulumi refresh` sees it stopped,
 * failed or missing and the next `up` starts it again. A changed command, environment, user or
 * directory restarts it in place; a changed namespace replaces it. The machine's PID 1 must be systemd.
 *
 * ```ts
 * new netns.Service("web", {
 *     namespace: ns1.name,
 *     command: ["python3", "-m", "http.server", "--bind", "192.168.1.10", "5000"],
 *     readyPort: 5000,
 * });
 * ```
 */
export class Service extends NetnsResource {
    constructor(name: string, args: ServiceArgs, opts?: pulumi.CustomResourceOptions) {
        super("Service", name, args, opts);
    }
}

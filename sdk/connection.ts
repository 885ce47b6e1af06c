// How resources reach the machine they configure.
import * as pulumi from "@pulumi/pulumi";

/** An SSH endpoint, shaped like `@pulumi/command`'s remote connection. */
export interface ConnectionEndpoint {
    host: pulumi.Input<string>;
    /** @default 22 */
    port?: pulumi.Input<number>;
    /** @default "root" */
    user?: pulumi.Input<string>;
    password?: pulumi.Input<string>;
    privateKey?: pulumi.Input<string>;
    privateKeyPassword?: pulumi.Input<string>;
    agentSocketPath?: pulumi.Input<string>;
    /** The host's public key; a different key is refused before any command runs. */
    hostKey?: pulumi.Input<string>;
    dialErrorLimit?: pulumi.Input<number>;
    perDialTimeout?: pulumi.Input<number>;
}

/** Absent on a resource = this machine. */
export interface Connection extends ConnectionEndpoint {
    /** A bastion to hop through. */
    proxy?: pulumi.Input<ConnectionEndpoint>;
    /** Run commands as root through `sudo -n` (for a user such as `ubuntu`). @default false */
    sudo?: pulumi.Input<boolean>;
}

/** Inputs every resource accepts. */
export interface CommonArgs {
    /** The machine to configure. Absent = the machine running Pulumi. */
    connection?: pulumi.Input<Connection>;
    /**
     * Whether the machine brings the object back at boot by itself (its boot plan, on a machine
     * whose PID 1 is systemd). `false` keeps it runtime-only. Default: the stack's config
     * `pulumi-netns:persist`, else true.
     */
    persist?: pulumi.Input<boolean>;
}

/** Marks the connection secret so keys and passwords are encrypted in state. */
export function secretConnection(connection: pulumi.Input<Connection> | undefined): pulumi.Input<Connection> | undefined {
    return connection === undefined ? undefined : pulumi.secret(connection);
}

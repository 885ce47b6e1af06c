// The neutral program `pulumi-netns import` plans: resources with their properties, references
// between them, and what it saw but leaves alone. Each language's writer spells it out.

/** A property that names another resource's output (`ns1.name`), not its value repeated. */
export interface Ref {
    ref: string;
    field: string;
}

export type Value = string | number | boolean | Ref | readonly Value[];

export const isRef = (v: Value): v is Ref => typeof v === "object" && !Array.isArray(v) && "ref" in v;

export type ImportKind = "Namespace" | "Bridge" | "VethPair" | "Route" | "SysctlForward" | "MasqueradeRule" | "PortForward";

export interface PlannedResource {
    kind: ImportKind;
    /** The resource's name in the program, unique, from the kernel name. */
    name: string;
    /** In the order they are written; `adopt: true` last. */
    props: [string, Value][];
    /** Resources this one waits for (a route for the link holding its gateway). */
    dependsOn?: string[];
    /** The kernel object, for messages: "bridge br0". */
    object: string;
}

export interface LeftAlone {
    /** "link eth0", "iptables nat: -A DOCKER ...". */
    what: string;
    why: string;
}

export interface ProgramModel {
    /** "this machine" or the SSH endpoint. */
    machine: string;
    /** Whether resources reach the machine over SSH (a connection from config). */
    remote: boolean;
    resources: PlannedResource[];
    leftAlone: LeftAlone[];
}

/** The kernel name of a resource's property, when it holds a string. */
export const propOf = (r: PlannedResource, key: string): Value | undefined => r.props.find(([k]) => k === key)?.[1];

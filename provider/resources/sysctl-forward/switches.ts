// Pure: the forwarding switches a SysctlForward manages and what to restore.
import { IPV4_FORWARD, IPV6_FORWARD } from "../../linux/sysctl-argv";

export const ENABLED = 1;

export interface Switch {
    key: string;
    input: "ipv4" | "ipv6";
    previous: "previousIpv4" | "previousIpv6";
}

export const SWITCHES: readonly Switch[] = [
    { key: IPV4_FORWARD, input: "ipv4", previous: "previousIpv4" },
    { key: IPV6_FORWARD, input: "ipv6", previous: "previousIpv6" },
];

/** Restore the old value only if the switch still holds the value we set (nobody changed it since). */
export function valueToRestore(current: number, previous: number | undefined): number | undefined {
    return previous !== undefined && previous !== ENABLED && current === ENABLED ? previous : undefined;
}

// Pure builders of sysctl argv for the forwarding switches.

export const IPV4_FORWARD = "net.ipv4.ip_forward";
export const IPV6_FORWARD = "net.ipv6.conf.all.forwarding";

/** Equivalent to: `sysctl -n KEY`. */
export const sysctlRead = (key: string): string[] => ["sysctl", "-n", key];

/** Equivalent to: `sysctl -w KEY=VALUE`. */
export const sysctlWrite = (key: string, value: number): string[] => ["sysctl", "-w", `${key}=${value}`];

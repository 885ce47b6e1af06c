// The choice of firewall backend MasqueradeRule and PortForward share (provider/firewall/choose.ts).
import { z } from "zod";

/**
 * Which firewall holds the rules: "iptables" or "nftables" (rules in the table `pulumi-netns`).
 * Absent: iptables where the machine has the iptables commands, else nftables; preview fills in
 * "nftables" when that is what the machine gets. Give every resource of one machine the same.
 */
export const firewall = z
    .enum(["iptables", "nftables"], { error: 'must be "iptables" or "nftables"' })
    .optional()
    .describe(
        'Which firewall holds the rules: "iptables" or "nftables" (rules in the table `pulumi-netns`). Absent: iptables where the machine has the iptables commands, else nftables; preview fills in "nftables" when that is what the machine gets. Give every resource of one machine the same.',
    );

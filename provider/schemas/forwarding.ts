// The switch MasqueradeRule and PortForward share for hosts whose forwarded traffic is dropped.
import { z } from "zod";

/**
 * Add ACCEPT rules to the FORWARD chain, owned and removed with this resource. Needed where FORWARD
 * drops by default (Docker hosts, firewalls); left absent there, preview says so. `false`: your own
 * rules accept the traffic.
 */
export const acceptForward = z
    .boolean()
    .optional()
    .describe(
        "Add ACCEPT rules to the FORWARD chain, owned and removed with this resource. Needed where FORWARD drops by default (Docker hosts, firewalls); left absent there, preview says so. `false`: your own rules accept the traffic.",
    );

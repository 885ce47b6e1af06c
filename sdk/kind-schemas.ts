// The schemas behind the SDK's public types, by the name of the plain type each becomes. The
// published declarations must not mention zod (its own .d.cts files do not compile under a
// classic `pulumi new typescript` tsconfig), so scripts/gen-sdk-types.ts expands every entry into
// a plain interface in sdk/kind-types.ts. Change a schema, then run `npm run gen:types`.
import type { z } from "zod";
import type { HostLink, HostNetwork, HostRoute, NamespaceNetwork } from "../provider/inspect/host-network";
import type { addressPoolInputs } from "../provider/resources/address-pool/schema";
import type { bridgeInputs } from "../provider/resources/bridge/schema";
import type { masqueradeRuleInputs } from "../provider/resources/masquerade-rule/schema";
import type { namespaceInputs } from "../provider/resources/namespace/schema";
import type { portForwardInputs } from "../provider/resources/port-forward/schema";
import type { probeInputs } from "../provider/resources/probe/schema";
import type { kinds } from "../provider/resources/registry";
import type { resolvConfInputs } from "../provider/resources/resolv-conf/schema";
import type { routeInputs } from "../provider/resources/route/schema";
import type { serviceInputs } from "../provider/resources/service/schema";
import type { sysctlForwardInputs } from "../provider/resources/sysctl-forward/schema";
import type { vethPairInputs } from "../provider/resources/veth-pair/schema";
import type { vxlanTunnelInputs } from "../provider/resources/vxlan-tunnel/schema";

/** A kind's state as the engine records it: its outputs. */
type State<K extends keyof typeof kinds> = z.output<(typeof kinds)[K]["state"]>;

/**
 * `<Kind>Inputs`: what a program passes (z.input: defaults optional); `<Kind>State`: its outputs.
 * `connection` and `ownerTag` are left out of every generated type (the SDK types them itself).
 */
export interface PublicTypes {
    KindName: keyof typeof kinds;
    NamespaceInputs: z.input<typeof namespaceInputs>;
    NamespaceState: State<"Namespace">;
    BridgeInputs: z.input<typeof bridgeInputs>;
    BridgeState: State<"Bridge">;
    VethPairInputs: z.input<typeof vethPairInputs>;
    VethPairState: State<"VethPair">;
    RouteInputs: z.input<typeof routeInputs>;
    RouteState: State<"Route">;
    SysctlForwardInputs: z.input<typeof sysctlForwardInputs>;
    SysctlForwardState: State<"SysctlForward">;
    MasqueradeRuleInputs: z.input<typeof masqueradeRuleInputs>;
    MasqueradeRuleState: State<"MasqueradeRule">;
    PortForwardInputs: z.input<typeof portForwardInputs>;
    PortForwardState: State<"PortForward">;
    AddressPoolInputs: z.input<typeof addressPoolInputs>;
    AddressPoolState: State<"AddressPool">;
    ResolvConfInputs: z.input<typeof resolvConfInputs>;
    ResolvConfState: State<"ResolvConf">;
    ProbeInputs: z.input<typeof probeInputs>;
    ProbeState: State<"Probe">;
    VxlanTunnelInputs: z.input<typeof vxlanTunnelInputs>;
    VxlanTunnelState: State<"VxlanTunnel">;
    ServiceInputs: z.input<typeof serviceInputs>;
    ServiceState: State<"Service">;
    HostLink: HostLink;
    HostRoute: HostRoute;
    NamespaceNetwork: NamespaceNetwork;
    HostNetwork: HostNetwork;
}

// Every resource kind, by the name the SDK's stubs ask for. A new kind is one folder under
// resources/ (schema.ts, kind.ts) and one line here.
import { addressPoolKind } from "./address-pool/kind";
import { bridgeKind } from "./bridge/kind";
import { masqueradeRuleKind } from "./masquerade-rule/kind";
import { namespaceKind } from "./namespace/kind";
import { portForwardKind } from "./port-forward/kind";
import { probeKind } from "./probe/kind";
import { resolvConfKind } from "./resolv-conf/kind";
import { routeKind } from "./route/kind";
import { serviceKind } from "./service/kind";
import { stackIdentityKind } from "./stack-identity/kind";
import { sysctlForwardKind } from "./sysctl-forward/kind";
import { vethPairKind } from "./veth-pair/kind";
import { vxlanTunnelKind } from "./vxlan-tunnel/kind";

export const kinds = {
    Namespace: namespaceKind,
    Bridge: bridgeKind,
    VethPair: vethPairKind,
    Route: routeKind,
    SysctlForward: sysctlForwardKind,
    MasqueradeRule: masqueradeRuleKind,
    PortForward: portForwardKind,
    StackIdentity: stackIdentityKind,
    AddressPool: addressPoolKind,
    ResolvConf: resolvConfKind,
    Probe: probeKind,
    VxlanTunnel: vxlanTunnelKind,
    Service: serviceKind,
};

export type Kind = keyof typeof kinds;

// MasqueradeRule: source NAT for a subnet leaving the host (the seeds' POSTROUTING MASQUERADE).
import { ruleSetKind } from "../common/rule-set";
import { masqueradeRules } from "./rules";
import { masqueradeRuleInputs } from "./schema";

export const masqueradeRuleKind = ruleSetKind({
    summary: "Source NAT (iptables MASQUERADE) for a subnet leaving the host.",
    inputs: masqueradeRuleInputs,
    fields: { sourceCidr: "replace", excludeOutInterface: "replace", outInterface: "replace", acceptForward: "replace", firewall: "update" },
    label: (m) => `${m.sourceCidr}${m.excludeOutInterface ? ` ! -o ${m.excludeOutInterface}` : ""}${m.outInterface ? ` -o ${m.outInterface}` : ""}`,
    rules: masqueradeRules,
});

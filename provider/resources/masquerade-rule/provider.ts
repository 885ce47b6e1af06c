// MasqueradeRule: source NAT for a subnet leaving the host (the seeds' POSTROUTING MASQUERADE).
import type * as pulumi from "@pulumi/pulumi";
import type { HostResolver } from "../../host/host";
import { ruleSetProvider } from "../common/rule-set";
import { diffMasqueradeRule, masqueradeRules } from "./plan";
import { masqueradeRuleInputs } from "./schema";

export function masqueradeRuleProvider(resolveHost: HostResolver): pulumi.dynamic.ResourceProvider {
    return ruleSetProvider({
        kind: "MasqueradeRule",
        schema: masqueradeRuleInputs,
        describe: (m) => `${m.sourceCidr}${m.excludeOutInterface ? ` ! -o ${m.excludeOutInterface}` : ""}${m.outInterface ? ` -o ${m.outInterface}` : ""}`,
        rules: masqueradeRules,
        diff: diffMasqueradeRule,
    }, resolveHost);
}

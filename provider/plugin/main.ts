// pulumi-resource-netns: the provider plugin other Pulumi languages use (Python, Go, .NET, Java,
// YAML). The engine starts it, reads the port it prints, and calls it over gRPC.
import * as provider from "@pulumi/pulumi/provider";
import { resolveHost } from "../host/resolve";
import { packageVersion } from "../package-schema/cli";
import { captureConfigure } from "./configure";
import { type PluginConfig, pluginProvider } from "./plugin-provider";

let config: PluginConfig = {};
captureConfigure((c) => {
    config = c;
});
provider.main(
    pluginProvider(packageVersion(), () => config, resolveHost),
    process.argv.slice(2),
);

// The provider's configuration (`pulumi:providers:netns` inputs, or `netns:connection` in the stack's
// config). The gRPC server of @pulumi/pulumi/provider answers Configure itself and never hands the
// request to the provider object, so this wraps its Configure handler where the service is added:
// the request's values are kept, and the server's answer (secrets and resources accepted) stands.
import { dirname } from "node:path";
import type { PluginConfig } from "./plugin-provider";
import { reveal } from "./secrets";

interface ConfigureRequest {
    hasArgs(): boolean;
    getArgs(): { toJavaScript(): Record<string, unknown> } | undefined;
    getVariablesMap(): { get(key: string): string | undefined };
}
type Handler = (call: { request: ConfigureRequest }, callback: unknown) => void;

/** Stack config holds text: an object set with `pulumi config set --path` arrives as its JSON. */
const parsed = (value: unknown): unknown => (typeof value === "string" && value.trim().startsWith("{") ? JSON.parse(value) : value);

/** The connection a Configure request carries, from its args (newer engines) or its variables. */
export function configFromRequest(request: ConfigureRequest): PluginConfig {
    if (request.hasArgs()) {
        const args = reveal(request.getArgs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        return args.connection === undefined || args.connection === "" ? {} : { connection: parsed(args.connection) };
    }
    const text = request.getVariablesMap().get("netns:config:connection") ?? request.getVariablesMap().get("netns:connection");
    return text === undefined || text === "" ? {} : { connection: parsed(text) };
}

/** Calls `onConfigure` with each Configure request's values; install before `main` starts serving. */
export function captureConfigure(onConfigure: (config: PluginConfig) => void): void {
    // The grpc-js copy @pulumi/pulumi itself loads, so its Server class is the one patched.
    const pulumiDir = dirname(require.resolve("@pulumi/pulumi/package.json"));
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] })) as {
        Server: { prototype: { addService(service: unknown, impl: Record<string, unknown>): void } };
    };
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (service, impl) {
        const configure = impl.configure as Handler | undefined;
        if (configure) {
            impl.configure = (call: { request: ConfigureRequest }, callback: unknown) => {
                onConfigure(configFromRequest(call.request));
                configure.call(impl, call, callback);
            };
        }
        addService.call(this, service, impl);
    };
}

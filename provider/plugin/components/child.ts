// The resources a component served by the plugin is made of: the plugin's own `netns:index:<Kind>`
// custom resources (not the TypeScript SDK's dynamic ones), registered from inside the plugin
// process as children of the component, at the plugin's own version so the engine sends them back
// to this plugin.
import * as pulumi from "@pulumi/pulumi";
import type { Kind } from "../../resources/registry";
import { stateFields } from "../../resources/state-fields";

export class PluginResource extends pulumi.CustomResource {
    constructor(kind: Kind, name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions & { version: string }) {
        // Every field of the kind's state registered, so each output exists whatever the inputs left out.
        const props = { ...Object.fromEntries(stateFields(kind).map((field) => [field, undefined])), ...args };
        super(`netns:index:${kind}`, name, props, opts);
    }

    /** One output, by its field name. */
    out<T>(field: string): pulumi.Output<T> {
        return (this as unknown as Record<string, pulumi.Output<T>>)[field];
    }
}

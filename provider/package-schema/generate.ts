// The Pulumi package schema of pulumi-netns, made from the kind definitions: each public kind's
// zod inputs and state become a `netns:index:<Kind>` resource (docs from `.describe()`, required
// fields, enums, secrets, replace-on-change from the field table), beside the shared Connection type
// and the provider's configuration (a default connection).
import { z } from "zod";
import type { FieldChange } from "../resources/common/kind";
import { type KindModel, kindModels } from "../resources/kind-model";
import { connection } from "../schemas/connection";
import { type ComponentSpec, componentFunctions, componentResources, componentTypes, type FunctionSpec } from "./components";
import { type Json, type ObjectTypeSpec, objectOf, PACKAGE, type PropertySpec, ref, TypeCollector, type TypeSpec, token } from "./json-to-pulumi";
import { HIDDEN_FIELDS } from "./public-kinds";

export interface ResourceSpec extends ObjectTypeSpec {
    inputProperties: Record<string, PropertySpec>;
    requiredInputs?: string[];
}

export interface PackageSpec {
    name: string;
    displayName: string;
    version: string;
    description: string;
    license: string;
    keywords: string[];
    config: { variables: Record<string, PropertySpec> };
    provider: { description: string; inputProperties: Record<string, PropertySpec>; properties: Record<string, PropertySpec> };
    types: Record<string, TypeSpec>;
    resources: Record<string, ResourceSpec | ComponentSpec>;
    functions: Record<string, FunctionSpec>;
    language: Record<string, unknown>;
}

/** The Go module the generated Go SDK lives in (sdk/go inside this repository). */
export const GO_MODULE = "github.com/pulumi-netns/pulumi-netns/sdk/go";

const CONNECTION_DOC = "The machine to configure over SSH. Absent = the provider's `connection`, or else the machine running Pulumi.";

const jsonOf = (schema: z.ZodType, io: "input" | "output"): Json => z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;

/** The Connection type and its proxy's ConnectionEndpoint, from the connection schema. */
function connectionTypes(types: TypeCollector): void {
    const json = jsonOf(connection, "input");
    const { properties } = objectOf(json);
    const proxy = properties.proxy;
    types.add("ConnectionEndpoint", types.object(proxy, "ConnectionEndpoint", "An SSH endpoint (a bastion to hop through)."));
    const withProxyRef = { ...json, properties: { ...properties, proxy: { $ref: ref("ConnectionEndpoint"), description: proxy.description } } };
    types.add("Connection", types.object(withProxyRef, "Connection", "An SSH connection, shaped like `@pulumi/command`'s remote connection."));
}

const connectionProperty = (): PropertySpec => ({ $ref: ref("Connection"), secret: true, description: CONNECTION_DOC });

const replaces = (change: FieldChange | undefined): boolean => change === "name" || change === "replace";

const typeName = (kind: string, field: string): string => `${kind}${field.charAt(0).toUpperCase()}${field.slice(1)}`;

/** One resource, from its kind's model: inputs from its input fields, outputs from its state fields. */
function resource(model: KindModel, types: TypeCollector): ResourceSpec {
    const inputProperties: Record<string, PropertySpec> = {};
    for (const field of model.inputs.filter((f) => !HIDDEN_FIELDS.has(f.name))) {
        const spec = field.name === "connection" ? connectionProperty() : types.property(field.json, typeName(model.kind, field.name));
        if (replaces(field.change)) {
            spec.replaceOnChanges = true;
        }
        inputProperties[field.name] = spec;
    }
    const requiredInputs = model.inputs.filter((f) => f.required && f.name in inputProperties).map((f) => f.name);

    const properties: Record<string, PropertySpec> = {};
    for (const field of model.state.filter((f) => !HIDDEN_FIELDS.has(f.name))) {
        if (field.name in inputProperties) {
            const { replaceOnChanges: _r, default: _d, ...asOutput } = inputProperties[field.name];
            properties[field.name] = asOutput;
        } else {
            properties[field.name] = types.property(field.json, typeName(model.kind, field.name));
        }
    }
    // Always present after a create: required inputs, defaults, fields named after the resource, and the state's own.
    const present = new Set([...model.inputs, ...model.state].filter((f) => f.alwaysPresent).map((f) => f.name));
    const required = Object.keys(properties).filter((f) => present.has(f) && f !== "connection");

    return {
        type: "object",
        description: model.summary,
        inputProperties,
        ...(requiredInputs.length > 0 ? { requiredInputs: requiredInputs.sort() } : {}),
        properties,
        required: required.sort(),
    };
}

/** The package schema; `version` is the plugin's (the package's) version. */
export function packageSchema(version: string): PackageSpec {
    const types = new TypeCollector();
    connectionTypes(types);
    const resources: Record<string, ResourceSpec | ComponentSpec> = {};
    for (const model of Object.values(kindModels()).filter((m) => !m.internal)) {
        resources[token(model.kind)] = resource(model, types);
    }
    const providerConnection: PropertySpec = {
        $ref: ref("Connection"),
        secret: true,
        description: "The machine every resource of this provider configures unless it names its own `connection`. Absent = the machine running Pulumi.",
    };
    return {
        name: PACKAGE,
        displayName: "Linux network namespaces",
        version,
        description: "Linux network namespaces, bridges, veths, routes and NAT as Pulumi resources, on this machine or over SSH.",
        license: "Apache-2.0",
        keywords: ["pulumi", "netns", "linux", "networking", "category/network"],
        config: { variables: { connection: providerConnection } },
        provider: {
            description: "The pulumi-netns provider: where its resources run by default.",
            inputProperties: { connection: providerConnection },
            properties: { connection: providerConnection },
        },
        types: Object.fromEntries(Object.entries({ ...types.types, ...componentTypes() }).sort(([a], [b]) => a.localeCompare(b))),
        // The components and functions the plugin serves (construct, call, invoke) beside the kinds.
        resources: { ...resources, ...componentResources() },
        functions: componentFunctions(),
        language: {
            // respectSchemaVersion: the SDKs carry the plugin's version and ask the engine for exactly
            // that plugin (without it Python asks for v0.0.0 and the engine goes to download it).
            go: { importBasePath: `${GO_MODULE}/netns`, generateResourceContainerTypes: false, respectSchemaVersion: true },
            python: {
                packageName: "pulumi_netns",
                requires: { pulumi: ">=3.0.0,<4.0.0" },
                pyproject: { enabled: true },
                respectSchemaVersion: true,
            },
            csharp: { rootNamespace: "Pulumi", packageReferences: { Pulumi: "3.*" } },
            java: { basePackage: "com.pulumi" },
        },
    };
}

// Pulumi mocks for unit tests of program wiring (components): every registration is recorded, and
// the kinds whose outputs the wiring reads get them (a stack identity, a pool's allocations).
import * as pulumi from "@pulumi/pulumi";
import { allocate } from "../../provider/resources/address-pool/allocate";

export interface Registration {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

/** Installs the mocks before the file's tests; returns the list they record into. */
export function useRecordingMocks(): Registration[] {
    const registered: Registration[] = [];
    beforeAll(async () => {
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    registered.push({ type: args.type, name: args.name, inputs: args.inputs });
                    const extra: Record<string, unknown> = {};
                    if (args.type.endsWith(":StackIdentity")) {
                        extra.stackId = "0".repeat(32);
                    }
                    if (args.type.endsWith(":AddressPool")) {
                        extra.allocations = allocate(args.inputs, args.inputs.members);
                    }
                    return { id: `${args.name}-id`, state: { ...args.inputs, ...extra } };
                },
                call: () => ({}),
            },
            "project",
            "dev",
            false,
        );
    });
    return registered;
}

/** The value an Output settles to. */
export const settled = <T>(o: pulumi.Output<T>): Promise<T> => new Promise<T>((resolve) => o.apply(resolve));

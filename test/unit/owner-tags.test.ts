// Owner tags under Pulumi mocks: one stack identity per program, tags stable for a resource and
// distinct for same-named resources under different parents.
import * as pulumi from "@pulumi/pulumi";
import { settled, useRecordingMocks } from "../support/recording-mocks";

const registered = useRecordingMocks();

test("same-named children of two components get different tags; the same place gets the same tag", async () => {
    // Loaded only now, after the mocks: the SDK registers the identity resource when first asked.
    const { ownerTagFor } = require("../../sdk/owner") as typeof import("../../sdk/owner.js");
    const a = new pulumi.ComponentResource("test:index:Lab", "a");
    const b = new pulumi.ComponentResource("test:index:Lab", "b");
    const [tagA, tagB, tagA2, root] = await Promise.all([
        settled(ownerTagFor("Bridge", "br", { parent: a })),
        settled(ownerTagFor("Bridge", "br", { parent: b })),
        settled(ownerTagFor("Bridge", "br", { parent: a })),
        settled(ownerTagFor("Bridge", "br")),
    ]);
    expect(tagA).toMatch(/^[0-9a-f]{12}$/);
    expect(new Set([tagA, tagB, root]).size).toBe(3);
    expect(tagA2).toBe(tagA);
    expect(registered.filter((r) => r.type.endsWith(":StackIdentity"))).toHaveLength(1);
});

test("the SDK's tags are the core's derivation of its stack identity (one rule in both doors; existing stacks keep their tags)", async () => {
    const { ownerTagFor } = require("../../sdk/owner") as typeof import("../../sdk/owner.js");
    const { ownerTagOf } = require("../../provider/resources/common/owner-tag") as typeof import("../../provider/resources/common/owner-tag.js");
    // The mocks' stack identity is 32 zeros; a resource without a parent has the empty parent URN.
    expect(await settled(ownerTagFor("Bridge", "br"))).toBe(ownerTagOf("0".repeat(32), "/Bridge/br"));
});

// The schemas behind the SDK's public types, by the name of the plain type each becomes: for every
// registered kind `<Kind>Inputs` (what a program passes, z.input: defaults optional) and
// `<Kind>State` (its outputs). The published declarations
// must not mention zod (its own .d.cts files do not compile under a classic `pulumi new typescript`
// tsconfig), so scripts/gen-sdk-types.ts expands every entry into a plain interface in
// sdk/kind-types.ts. Change a kind, then run `npm run gen:types`. `connection` and `ownerTag` are
// left out of every generated type (the SDK types them itself).
import type { z } from "zod";
import type { Kind, kinds } from "../provider/resources/registry";

type KindInputs = { [K in Kind as `${K}Inputs`]: z.input<(typeof kinds)[K]["inputs"]> };
type KindStates = { [K in Kind as `${K}State`]: z.output<(typeof kinds)[K]["state"]> };

export type PublicTypes = { KindName: Kind } & KindInputs & KindStates;

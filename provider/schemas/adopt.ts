// The adoption input every adoptable kind takes: what `pulumi-netns import` writes.
import { z } from "zod";

/**
 * Take over an object of this name made by hand (no stack owns it) instead of refusing it: create
 * checks that it matches the inputs and marks it as this resource's, recreating nothing.
 */
export const adopt = z
    .boolean()
    .optional()
    .describe(
        "Take over an object of this name that was made by hand (no stack owns it) instead of refusing it: it must match these inputs (a difference is refused at preview, naming the field and its live value), and it is marked as this resource's without being recreated. Default: false.",
    );

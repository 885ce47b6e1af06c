// The owner tag every tagged resource receives from the SDK.
import { z } from "zod";

export const ownerTag = z.string().regex(/^[0-9a-f]{12}$/, "must be 12 hex digits (set by the pulumi-netns SDK)");

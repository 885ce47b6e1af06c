// Reads what test/fixtures/record.sh recorded from the real kernel.
import { readFileSync } from "node:fs";
import { join } from "node:path";

// Compiled tests live in dist/test/support; fixtures stay in the source tree.
const dir = join(__dirname, "..", "..", "..", "test", "fixtures");

export const fixture = (name: string): string => readFileSync(join(dir, name), "utf8");

// Prints the package schema as JSON: `node dist/provider/package-schema/cli.js [version]`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageSchema } from "./generate";

/** The package's version, from the package.json above the compiled file (dist/provider/package-schema). */
export function packageVersion(): string {
    for (const up of ["../../..", "../.."]) {
        try {
            const json = JSON.parse(readFileSync(join(__dirname, up, "package.json"), "utf8")) as { name?: string; version?: string };
            if (json.name === "pulumi-netns" && json.version) {
                return json.version;
            }
        } catch {
            // not there: try the next level
        }
    }
    throw new Error("pulumi-netns: package.json not found above the provider");
}

if (require.main === module) {
    process.stdout.write(`${JSON.stringify(packageSchema(process.argv[2] ?? packageVersion()), null, 2)}\n`);
}

// A listing that may fail where it runs (the tool not installed, no permission, a namespace gone)
// and is then simply absent: for inspection and diagnosis, never for a resource's own work.
import type { Host } from "./host";

export async function outputOrNothing(host: Host, argv: string[]): Promise<string | undefined> {
    const result = await host.run(argv).catch(() => undefined);
    return result?.exitCode === 0 ? result.stdout : undefined;
}

// The objects of a machine that no stack owns and `pulumi-netns import` would declare, named for a
// clash's message: every clash of a program said at once, whichever resource meets the first.
import type { Host } from "../host/host";
import { planImport } from "./plan";
import { readSnapshot } from "./snapshot";

const recent = new WeakMap<Host, { at: number; objects: Promise<string[]> }>();
const SHARED_MS = 5000;

export function handMadeObjects(host: Host): Promise<string[]> {
    const last = recent.get(host);
    if (last && Date.now() - last.at < SHARED_MS) {
        return last.objects;
    }
    const objects = readSnapshot(host).then((s) => planImport(s).resources.map((r) => `${r.kind} ${r.name}`));
    recent.set(host, { at: Date.now(), objects });
    return objects;
}

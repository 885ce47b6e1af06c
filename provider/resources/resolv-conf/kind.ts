// ResolvConf: /etc/netns/<ns>/resolv.conf, the resolver of programs run with `ip netns exec`.
// Its first line is the owner mark; the file is removed with the resource.

import { FileClient } from "../../host/file-client";
import { FILE_TOOLS } from "../../host/file-program";
import type { Host } from "../../host/host";
import { ETC_DIR_MODE, ETC_FILE_MODE, etcDir, etcFile } from "../../linux/netns-etc-argv";
import { defineKind } from "../common/kind";
import { ownerLabel } from "../common/owner";
import { adoptOrRefuse, byMark } from "../common/ownership";
import { alreadyExists } from "../common/resource-error";
import { type ResolvConfInputs, resolvConfInputs } from "./schema";

const path = (r: ResolvConfInputs) => etcFile(r.namespace, "resolv.conf");
const MARK = /^# (pulumi-netns:[0-9a-f]+)/;

/** The file's content: the owner mark, then what the resolver reads. */
export const resolvConfText = (r: ResolvConfInputs): string =>
    [
        `# ${ownerLabel(r.ownerTag)} (made by pulumi-netns; removed with its resource)`,
        ...r.nameservers.map((ns) => `nameserver ${ns}`),
        ...(r.search.length ? [`search ${r.search.join(" ")}`] : []),
    ]
        .map((line) => `${line}\n`)
        .join("");

async function observe(host: Host, r: ResolvConfInputs) {
    const text = await new FileClient(host).read(path(r));
    return byMark(text !== undefined, text ? MARK.exec(text)?.[1] : undefined, r.ownerTag, async () => ({
        ...r,
        nameservers: [...text!.matchAll(/^nameserver\s+(\S+)/gm)].map((m) => m[1]),
        search: /^search\s+(.+)$/m.exec(text!)?.[1].split(/\s+/) ?? [],
    }));
}

async function write(host: Host, r: ResolvConfInputs): Promise<ResolvConfInputs> {
    await new FileClient(host).write(path(r), resolvConfText(r), { mode: ETC_FILE_MODE, directoryMode: ETC_DIR_MODE });
    return r;
}

export const resolvConfKind = defineKind({
    summary: "The resolver configuration (/etc/netns/NS/resolv.conf) of one namespace.",
    inputs: resolvConfInputs,
    state: resolvConfInputs,
    fields: { namespace: "name", nameservers: "update", search: "update" },
    tools: FILE_TOOLS,
    label: (r) => path(r),
    id: (r) => path(r),

    async create(host, inputs) {
        const found = await observe(host, inputs);
        if (found.found !== "gone") {
            await adoptOrRefuse(
                async () => found,
                (owner) => alreadyExists("ResolvConf", path(inputs), "a file", host.description, owner, `rm ${path(inputs)}`),
            );
        }
        return write(host, inputs);
    },
    observe,
    update: (host, _live, inputs) => write(host, inputs),
    async remove(host, r) {
        const files = new FileClient(host);
        await files.remove(path(r));
        await files.removeDirectoryIfEmpty(etcDir(r.namespace)); // only when nothing else lives there
    },
});

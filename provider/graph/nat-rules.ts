// Masquerades and port forwards from `iptables-save -t nat` (both families' listings work), for a
// live picture: ours carry a "pulumi-netns:" comment, others (Docker's, an admin's) are drawn too.
import { OWNER_PREFIX } from "../linux/owner-marks";
import type { MachineView } from "./topology";

const word = (words: string[], flag: string): string | undefined => {
    const i = words.indexOf(flag);
    return i >= 0 ? words[i + 1]?.replace(/^"|"$/g, "") : undefined;
};

/** The port forward a DNAT rule in PREROUTING stands for (OUTPUT repeats it for the host itself). */
function forwardOf(words: string[], owned: boolean): MachineView["forwards"][number] | undefined {
    const to = word(words, "--to-destination");
    const port = word(words, "--dport");
    if (!to || !port) {
        return undefined;
    }
    const [, address, targetPort] = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(to) ?? [];
    const hostAddress = word(words, "-d")?.replace(/\/(32|128)$/, "");
    return {
        protocol: word(words, "-p") ?? "tcp",
        hostPort: Number(port),
        ...(hostAddress ? { hostAddress } : {}),
        targetAddress: address,
        targetPort: Number(targetPort ?? port),
        owned,
    };
}

export function natOf(listing: string): Pick<MachineView, "masquerades" | "forwards"> {
    const masquerades: MachineView["masquerades"] = [];
    const forwards: MachineView["forwards"] = [];
    for (const line of listing.split("\n")) {
        const words = line.trim().split(/\s+/);
        const owned = line.includes(OWNER_PREFIX);
        if (words[0] !== "-A") {
            continue;
        }
        if (words[1] === "POSTROUTING" && line.includes("-j MASQUERADE") && !line.includes("--ctstate DNAT")) {
            const not = words.indexOf("!");
            const out = word(words, "-o");
            const excluded = not >= 0 && words[not + 1] === "-o";
            masquerades.push({
                source: word(words, "-s") ?? "0.0.0.0/0",
                ...(out && !excluded ? { outInterface: out } : {}),
                ...(out && excluded ? { excludeOutInterface: out } : {}),
                owned,
            });
        }
        if (words[1] === "PREROUTING" && line.includes("-j DNAT")) {
            const forward = forwardOf(words, owned);
            if (forward) {
                forwards.push(forward);
            }
        }
    }
    return { masquerades, forwards };
}

// Puts an interface's addresses into the wanted set, in whichever namespace it lives.
import type { IpClient } from "../../linux/ip-client";
import { type Address, configuredAddresses } from "../../linux/ip-json";
import { addressChanges, inUserSpelling } from "./addresses";
import { ResourceError } from "./resource-error";

/** The inputs with the MTU the kernel now reports for the link `name`, after an update changed it. */
export async function withLiveMtu<I>(ip: IpClient, kind: string, name: string, inputs: I): Promise<I & { mtu: number }> {
    const link = await ip.link(name);
    if (!link) {
        throw new ResourceError(kind, name, "disappeared while it was being configured");
    }
    return { ...inputs, mtu: link.mtu };
}

/** Sets the MTU asked for, if any and if the link does not have it already (absent: the kernel's stands). */
export async function reconcileMtu(ip: IpClient, names: readonly string[], wanted: number | undefined, current: number, namespace?: string) {
    if (wanted === undefined || wanted === current) {
        return;
    }
    // A veth's peer lives in its namespace: the second name, when given, is looked up there.
    for (const [i, name] of names.entries()) {
        await ip.linkSetMtu(name, wanted, i > 0 ? namespace : undefined);
    }
}

/** The interface's user-configured addresses, spelled as the user spelled them. */
export async function liveAddresses(ip: IpClient, name: string, user: readonly string[], namespace?: string): Promise<string[]> {
    return userAddresses(await ip.addresses(name, namespace), user);
}

/** The user-configured addresses of a listing, spelled as the user spelled them. */
export function userAddresses(listed: readonly Address[], user: readonly string[]): string[] {
    return inUserSpelling(configuredAddresses([...listed]), user);
}

/**
 * Removes what is extra, then adds what is missing. Removal goes first because deleting the
 * primary address of a subnet also deletes its secondaries: adding 192.168.1.20/24 and then
 * removing 192.168.1.10/24 would take both away.
 */
export async function reconcileAddresses(
    ip: IpClient,
    name: string,
    current: readonly string[],
    desired: readonly string[],
    namespace?: string,
): Promise<void> {
    const { add, remove } = addressChanges(current, desired);
    for (const cidr of remove) {
        await ip.addrDelete(cidr, name, namespace);
    }
    for (const cidr of add) {
        await ip.addrAdd(cidr, name, namespace);
    }
}

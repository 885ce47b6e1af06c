// How pulumi-netns marks what it makes in the kernel, so that any listing (a kind's own read, the
// guard rails, the machine's inspection, the graph) tells its objects from others': a label in a
// link's ifalias, an iptables or nft comment, a unit or file's first line; a routing protocol.

/** What every owner label starts with. */
export const OWNER_PREFIX = "pulumi-netns:";

/** The label written into the kernel (link ifalias, rule comment) for an owner tag. */
export const ownerLabel = (tag: string): string => `${OWNER_PREFIX}${tag}`;

/** Routing protocol number written on every route pulumi-netns adds (`proto 245`): it marks them as ours. */
export const ROUTE_PROTOCOL = 245;

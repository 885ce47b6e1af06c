// Where a namespace's own /etc files live: `ip netns exec NS` bind-mounts each file of
// /etc/netns/NS over /etc, so /etc/netns/NS/resolv.conf is the namespace's resolver config.

export const etcDir = (namespace: string): string => `/etc/netns/${namespace}`;
export const etcFile = (namespace: string, file: string): string => `${etcDir(namespace)}/${file}`;

/** The directory's mode: as /etc's own, readable by the namespace's programs whatever their user. */
export const ETC_DIR_MODE = 0o755;
/** A resolver file's mode: every program resolves names, root or not. */
export const ETC_FILE_MODE = 0o644;

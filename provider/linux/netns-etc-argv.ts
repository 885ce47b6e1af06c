// Pure builders for a namespace's own /etc files: `ip netns exec NS` bind-mounts each file of
// /etc/netns/NS over /etc, so /etc/netns/NS/resolv.conf is the namespace's resolver config.

export const etcDir = (namespace: string): string => `/etc/netns/${namespace}`;
export const etcFile = (namespace: string, file: string): string => `${etcDir(namespace)}/${file}`;

/** Equivalent to: `mkdir -p /etc/netns/NS`. */
export const makeEtcDir = (namespace: string): string[] => ["mkdir", "-p", etcDir(namespace)];
/** Equivalent to: `cat FILE`. */
export const readFile = (path: string): string[] => ["cat", path];
/** Equivalent to: `tee FILE` (the content on standard input; no shell redirection). */
export const writeFile = (path: string): string[] => ["tee", path];
/** Equivalent to: `rm -f FILE`. */
export const removeFile = (path: string): string[] => ["rm", "-f", path];
/** Equivalent to: `rmdir /etc/netns/NS` (only when empty). */
export const removeEtcDir = (namespace: string): string[] => ["rmdir", etcDir(namespace)];

// Files on one Host, the one way provider code reads, writes and removes them (ResolvConf, Service
// units and environment files, the forwarding records' directory and lock, boot units): atomic
// writes with an explicit mode and owner, and a refusal, naming the path, of a symbolic link or a
// directory another user owns or may write (see file-program.ts).
import { CommandError, ensureSuccess } from "./command-error";
import { ABSENT_EXIT, fileArgv, REFUSED_EXIT } from "./file-program";
import type { Host, RunResult } from "./host";
import { printable } from "./limits";

/** A file or directory the client would not touch, with the reason (a symlink, a directory not root's). */
export class FileRefusedError extends Error {
    constructor(
        readonly path: string,
        readonly reason: string,
        where: string,
        verb: string,
    ) {
        super(`refusing to ${verb} ${path} on ${where}: ${reason}`);
        this.name = "FileRefusedError";
    }
}

export interface WriteOptions {
    /** The file's mode, e.g. 0o600; never left to the umask. */
    mode: number;
    /** `user` or `user:group`. @default "root:root" */
    owner?: string;
    /** Make the directory (and missing parents) with this mode when missing, or give it this mode. */
    directoryMode?: number;
}

export class FileClient {
    constructor(readonly host: Host) {}

    /** The file's content, or undefined when there is none. Equivalent to: `cat PATH`. */
    async read(path: string): Promise<string | undefined> {
        const r = await this.host.run(fileArgv("read", path));
        return r.exitCode === ABSENT_EXIT ? undefined : this.checked(r, path, "read").stdout.replace(/\.$/, "");
    }

    /** Replaces the file whole: a temporary file beside it, its mode and owner set, renamed over it. */
    async write(path: string, content: string, options: WriteOptions): Promise<void> {
        const argv = fileArgv("write", path, { mode: options.mode, owner: options.owner, directoryMode: options.directoryMode });
        this.checked(await this.host.run(argv, { input: content }), path, "write");
    }

    /** Makes the directory (missing parents too) with `mode`, or checks it is root's and gives it `mode`. */
    async directory(path: string, mode: number): Promise<void> {
        this.checked(await this.host.run(fileArgv("dir", path, { mode })), path, "use the directory");
    }

    /**
     * Makes an empty file to lock on, or checks it is root's and gives it `mode`; it is never replaced
     * (a lock may be held on it). With `directoryMode`, its directory is made or given that mode.
     */
    async lockFile(path: string, mode: number, directoryMode?: number): Promise<void> {
        this.checked(await this.host.run(fileArgv("lock", path, { mode, directoryMode })), path, "use the lock file");
    }

    /** Removes the file (a symlink itself, never what it points to); already gone is success. */
    async remove(path: string): Promise<void> {
        this.checked(await this.host.run(fileArgv("remove", path)), path, "remove");
    }

    /** Removes the directory if it is empty; otherwise (or gone) leaves things as they are. */
    async removeDirectoryIfEmpty(path: string): Promise<void> {
        this.checked(await this.host.run(fileArgv("rmdir", path)), path, "remove the directory");
    }

    private checked(r: RunResult, path: string, verb: string): RunResult {
        if (r.exitCode === REFUSED_EXIT) {
            throw new FileRefusedError(path, printable(r.stderr.trim()), this.host.description, verb);
        }
        if (r.exitCode !== 0) {
            // The program's text says nothing to a reader: named by its $0 and arguments instead.
            throw new CommandError({ ...r, argv: r.argv.slice(3) }, `cannot ${verb} ${path}`);
        }
        return ensureSuccess(r);
    }
}

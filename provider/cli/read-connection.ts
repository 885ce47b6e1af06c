// Reads the file --connection-file names ("-": standard input).
import { readFile } from "node:fs/promises";

export async function readConnection(file: string): Promise<string> {
    if (file !== "-") {
        return readFile(file, "utf8");
    }
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString("utf8");
}

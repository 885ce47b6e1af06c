// Reads and writes sysctl values on one Host.
import { ensureSuccess } from "../host/command-error";
import type { Host } from "../host/host";
import { sysctlRead, sysctlWrite } from "./sysctl-argv";

export class SysctlClient {
    constructor(readonly host: Host) {}

    async read(key: string): Promise<number> {
        const text = ensureSuccess(await this.host.run(sysctlRead(key))).stdout.trim();
        const value = Number(text);
        if (!Number.isInteger(value)) {
            throw new Error(`sysctl ${key} is "${text}", not a number`);
        }
        return value;
    }

    async write(key: string, value: number): Promise<void> {
        ensureSuccess(await this.host.run(sysctlWrite(key, value)));
    }
}

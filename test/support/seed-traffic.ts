// The seeds' own verification, as tests of a stack that made their topology (any door, any
// language): the ping matrix, NAT seen from "the internet", DNAT from an outside client, the host
// itself and ns2 through the hairpin. The sandbox holds the outside world and ns1's server.
import { httpGet, ping } from "../../sandbox/checks";
import { WORLD } from "../../sandbox/world";
import type { SandboxedStack } from "./sandboxed-stack";

export const FORWARDED = `http://${WORLD.uplinkAddress}:5000/`;

export function seedTrafficTests(stack: SandboxedStack): void {
    test.each([
        ["ns1", "192.168.1.11"],
        ["ns2", "192.168.1.10"], // each other, across the bridge
        ["ns1", "192.168.1.1"],
        ["ns2", "192.168.1.1"], // the bridge
        ["ns1", WORLD.uplinkAddress],
        ["ns2", WORLD.uplinkAddress], // the host's uplink
        ["ns1", WORLD.internetAddress],
        ["ns2", WORLD.internetAddress], // "the internet", through NAT
    ])("%s pings %s", async (from, to) => {
        expect(await ping(stack.sandbox, from, to)).toMatchObject({ ok: true });
    });

    test("NAT: the internet sees the host's uplink address, not the namespace's", async () => {
        const url = `http://${WORLD.internetAddress}:${WORLD.internetPort}/`;
        expect(await httpGet(stack.sandbox, "ns1", url)).toEqual({ ok: true, detail: `the internet saw ${WORLD.uplinkAddress}` });
        expect(await httpGet(stack.sandbox, "ns2", url)).toEqual({ ok: true, detail: `the internet saw ${WORLD.uplinkAddress}` });
    });

    test("DNAT: an external client's HTTP request to the host's port 5000 is answered inside ns1", async () => {
        expect(await httpGet(stack.sandbox, "client", FORWARDED)).toEqual({ ok: true, detail: `ns1 saw ${WORLD.clientAddress}` });
    });

    test("the host itself and ns2 (hairpin) reach the forwarded port", async () => {
        expect(await httpGet(stack.sandbox, undefined, FORWARDED)).toMatchObject({ ok: true, detail: expect.stringMatching(/^ns1 saw /) });
        expect(await httpGet(stack.sandbox, "ns2", FORWARDED)).toMatchObject({ ok: true, detail: expect.stringMatching(/^ns1 saw /) });
    });
}

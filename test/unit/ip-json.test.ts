import { configuredAddresses, parseAddresses, parseLinks, parseNetnsNames } from "../../provider/linux/ip-json";
import { isExists, isNotFound } from "../../provider/linux/kernel-errors";
import { fixture } from "../support/fixtures";

test("a bridge: kind, mtu, mac, up, owner alias", () => {
    const [br] = parseLinks(fixture("ip-link-bridge.json"));
    expect(br).toMatchObject({ name: "br0", kind: "bridge", mtu: 1500, up: true, alias: "pulumi-netns:0123456789ab" });
    expect(br.macAddress).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
});

test("a veth enslaved to a bridge reports its master", () => {
    const [veth] = parseLinks(fixture("ip-link-veth-host.json"));
    expect(veth).toMatchObject({ name: "veth0", kind: "veth", master: "br0", up: true });
});

test("a namespace's fresh lo is down and has no alias", () => {
    const [lo] = parseLinks(fixture("ip-link-lo-down.json"));
    expect(lo).toMatchObject({ name: "lo", up: false, alias: undefined, kind: undefined });
});

test("every link of a listing parses", () => {
    expect(parseLinks(fixture("ip-link-all.json")).map((l) => l.name)).toEqual(["lo", "br0", "veth0"]);
});

test("addresses: IPv4 and IPv6, link-local left out of the configured ones", () => {
    const all = parseAddresses(fixture("ip-addr-bridge.json"));
    expect(all.map((a) => a.cidr)).toContain("192.168.1.1/24");
    expect(configuredAddresses(all)).toEqual(["192.168.1.1/24", "2001:db8::1/64"]);
});

test("netns list, including the empty output of older ip", () => {
    expect(parseNetnsNames(fixture("ip-netns-list.json"))).toEqual(["ns1"]);
    expect(parseNetnsNames("")).toEqual([]);
    expect(parseNetnsNames("[]")).toEqual([]);
});

describe("kernel error classification (recorded stderr)", () => {
    const failed = (stderr: string) => ({ argv: [], exitCode: 1, stdout: "", stderr });
    test.each([
        "err-netns-missing.txt",
        "err-netns-del-missing.txt",
        "err-link-missing.txt",
        "err-link-del-missing.txt",
        "err-addr-missing.txt",
        "err-rule-missing.txt",
    ])("%s is 'not found'", (name) => {
        expect(isNotFound(failed(fixture(name)))).toBe(true);
        expect(isExists(failed(fixture(name)))).toBe(false);
    });
    test.each(["err-netns-exists.txt", "err-link-exists.txt", "err-addr-exists.txt"])("%s is 'exists'", (name) => {
        expect(isExists(failed(fixture(name)))).toBe(true);
        expect(isNotFound(failed(fixture(name)))).toBe(false);
    });
    test("a success is neither", () => {
        expect(isNotFound({ argv: [], exitCode: 0, stdout: "", stderr: "No such file or directory" })).toBe(false);
    });
});

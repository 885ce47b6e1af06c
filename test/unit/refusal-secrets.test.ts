// A refusal names the field and the rule, and never quotes a value that may be a secret: a field the
// schema marks secret (a Service's environment, a connection's password), or, through the plugin, a
// value that arrived secret. Nor does it name as the property a top-level field holding a secret:
// the engine prints that property's whole value next to the reason.
import type { HostResolver } from "../../provider/host/host";
import { pluginProvider } from "../../provider/plugin/plugin-provider";
import { secret } from "../../provider/plugin/secrets";
import { bridgeInputs } from "../../provider/resources/bridge/schema";
import { checkInputs } from "../../provider/resources/common/check";
import { serviceInputs } from "../../provider/resources/service/schema";

const SECRET = "secret-in-error-5d2b";
const service = { ownerTag: "0123456789ab", name: "web", namespace: "ns1", command: ["/bin/true"] };

test.each([
    ["a bad variable name", { environment: { "API-TOKEN": SECRET } }, "environment.API-TOKEN: the name must be a variable name"],
    ["a value over 4096 characters", { environment: { TOKEN: SECRET.repeat(300) } }, "environment.TOKEN: must be at most 4096 characters"],
    ["a value with NUL", { environment: { TOKEN: `${SECRET}\0` } }, "environment.TOKEN: must not contain a NUL character"],
    ["an environment that is no record", { environment: SECRET }, "environment: Invalid input: expected record"],
    ["a password of the wrong type", { connection: { host: "h", password: { SECRET } } }, "connection.password: Invalid input: expected string"],
    [
        "a bastion password of the wrong type",
        { connection: { host: "h", password: "p", proxy: { host: "b", password: [SECRET] } } },
        "connection.proxy.password:",
    ],
    ["a private key of the wrong type", { connection: { host: "h", privateKey: 5, password: SECRET } }, "connection.privateKey: Invalid input"],
])("%s: the field and the rule, no value, no property the engine would print", (_what, extra, reason) => {
    const { failures } = checkInputs(serviceInputs, { ...service, ...extra });
    expect(failures).toHaveLength(1);
    expect(failures?.[0].property).toBe("");
    expect(failures?.[0].reason.startsWith(reason)).toBe(true);
    expect(JSON.stringify(failures)).not.toContain("secret-in");
});

test("a value that is no secret is still quoted, so the typo is in the message", () => {
    const { failures } = checkInputs(serviceInputs, { ...service, connection: { host: "bad host!", password: SECRET } });
    expect(failures).toEqual([{ property: "", reason: 'connection.host is "bad host!": must be a host name or IP address' }]);
    expect(checkInputs(serviceInputs, { ...service, command: ["bad program"] }).failures).toEqual([
        { property: "command", reason: 'command[0] is "bad program": the program must be an absolute path or a plain name (found on systemd\'s PATH)' },
    ]);
});

const noMachine: HostResolver = () => {
    throw new Error("check of a bad input reads no machine");
};

test("through the plugin, a value that arrived secret is never quoted, in a field the schema does not mark secret", async () => {
    const plugin = pluginProvider("1.2.3", () => ({}), noMachine);
    const urn = "urn:pulumi:dev::proj::netns:index:Bridge::br0";
    const nested = await plugin.check!(urn, {}, { name: "br0", addresses: [secret(`${SECRET}/24`)] });
    expect(nested.failures).toEqual([{ property: "", reason: expect.stringMatching(/^addresses\[0\]: must be an address/) }]);
    const top = await plugin.check!(urn, {}, { name: secret(`${SECRET}-too-long-for-a-link`) });
    expect(top.failures).toEqual([{ property: "", reason: expect.stringMatching(/^name: /) }]);
    // The same values, not secret, are quoted as before.
    const plain = await plugin.check!(urn, {}, { name: "br0", addresses: [`${SECRET}/24`] });
    expect(plain.failures).toEqual([{ property: "addresses", reason: expect.stringContaining(`addresses[0] is "${SECRET}/24"`) }]);
    expect(checkInputs(bridgeInputs, { ownerTag: "0123456789ab", name: "br0", addresses: [`${SECRET}/24`] }).failures?.[0].property).toBe("addresses");
});

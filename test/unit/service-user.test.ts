// Two Services never share a dynamic user: a derived name has a form no readable one can take, and
// `user` cannot name a user of the project's own prefix (that would be another Service's uid).
import { checkInputs } from "../../provider/resources/common/check";
import { serviceInputs } from "../../provider/resources/service/schema";
import { dynamicUserName } from "../../provider/resources/service/unit-file";

const service = { ownerTag: "0123456789ab", namespace: "ns1", command: ["/bin/true"] };

test("a Service named like another's derived user gets a user of its own", () => {
    const hashed = dynamicUserName("Web.Server");
    const digest = hashed.replace(/^netns-+/, "");
    // The name the review used: the derived user's digest as a Service name.
    for (const name of [digest, `-${digest}`, `${digest}`.toUpperCase()]) {
        expect(dynamicUserName(name)).not.toBe(hashed);
    }
    expect(checkInputs(serviceInputs, { ...service, name: digest }).failures).toEqual([]);
    expect(dynamicUserName(digest)).toBe(`netns-${digest}`);
});

test("derived names are apart from every readable one, and valid for systemd", () => {
    const names = ["Web", "web.api", "a-very-long-service-name-indeed-yes", "_x.y", "0web"];
    for (const name of names) {
        const user = dynamicUserName(name);
        expect(user).toMatch(/^[a-z_][a-z0-9_-]{0,30}$/);
        // Readable: netns-<name>, and a Service name never starts with '-'.
        expect(user.startsWith("netns--") || user === `netns-${name}`).toBe(true);
    }
    expect(new Set(names.map(dynamicUserName)).size).toBe(names.length);
});

test.each(["netns-web", "netns--0123456789ab", "NETNS-web"])("user %s, one of the project's own dynamic users, is refused", (user) => {
    const { failures } = checkInputs(serviceInputs, { ...service, name: "api", user });
    expect(failures).toEqual([{ property: "user", reason: expect.stringContaining('must not start with "netns-"') }]);
});

test.each(["root", "nobody", "www-data", "1000", "netnsuser"])("user %s is accepted", (user) => {
    expect(checkInputs(serviceInputs, { ...service, name: "api", user }).failures).toEqual([]);
});

import { bridgeInputs } from "../../provider/resources/bridge/schema";
import { checkInputs } from "../../provider/resources/common/check";
import { UNKNOWN } from "../../provider/resources/common/unknown";
import { namespaceInputs } from "../../provider/resources/namespace/schema";

test("each bad field is named", () => {
    const { failures } = checkInputs(bridgeInputs, {
        ownerTag: "0123456789ab",
        name: "bridge-name-too-long",
        addresses: ["192.168.1.1", "10.0.0.1/8"],
        mtu: 10,
    });
    expect(failures?.map((f) => f.property).sort()).toEqual(["addresses", "mtu", "name"]);
    // The engine shows a top-level field's value only: the nested path and the typo lead the reason.
    expect(failures?.find((f) => f.property === "addresses")?.reason).toBe(
        'addresses[0] is "192.168.1.1": must be an address with a prefix length such as 192.168.1.1/24',
    );
    expect(failures?.find((f) => f.property === "name")?.reason).toMatch(/15 characters/);
});

test("unknown values during preview are not judged", () => {
    expect(checkInputs(bridgeInputs, { ownerTag: "0123456789ab", name: UNKNOWN, addresses: UNKNOWN }).failures).toEqual([]);
    expect(checkInputs(bridgeInputs, { ownerTag: "0123456789ab", name: "br0", addresses: ["10.0.0.1/8", UNKNOWN] }).failures).toEqual([]);
});

test("inputs come back unchanged, unknowns kept", () => {
    const news = { name: UNKNOWN, loopbackUp: true };
    expect(checkInputs(namespaceInputs, news).inputs).toBe(news);
});

test("duplicate addresses are refused", () => {
    const { failures } = checkInputs(bridgeInputs, { ownerTag: "0123456789ab", name: "br0", addresses: ["10.0.0.1/8", "10.0.0.1/8"] });
    expect(failures?.[0].property).toBe("addresses");
});

test("the reserved namespace name `all` is refused", () => {
    expect(checkInputs(namespaceInputs, { ownerTag: "0123456789ab", name: "all" }).failures?.[0].property).toBe("name");
});

import { restoreEdits, restoreInput } from "../../provider/linux/iptables-argv";

test("iptables-restore input: the rules of each table between *TABLE and COMMIT, words kept whole", () => {
    const rules = [
        { family: 4 as const, table: "nat" as const, chain: "POSTROUTING", spec: ["-s", "10.0.0.0/24", "!", "-o", "br0", "-j", "MASQUERADE"] },
        { family: 4 as const, table: "filter" as const, chain: "FORWARD", spec: ["-i", "br0", "-j", "ACCEPT"] },
    ];
    expect(restoreInput("-A", rules)).toBe(
        "*nat\n-A POSTROUTING -s 10.0.0.0/24 ! -o br0 -j MASQUERADE\nCOMMIT\n*filter\n-A FORWARD -i br0 -j ACCEPT\nCOMMIT\n",
    );
    expect(restoreEdits(6)).toEqual(["ip6tables-restore", "-w", "30", "--noflush"]);
    expect(() => restoreInput("-D", [{ ...rules[0], spec: ["--comment", "two words"] }])).toThrow(/would not read back/);
});

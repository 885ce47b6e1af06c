import { runTransaction } from "../../provider/resources/common/steps";

test("a failing step undoes the completed ones, newest first, and rethrows", async () => {
    const log: string[] = [];
    const step = (name: string, fail = false) => ({
        name,
        run: async () => {
            log.push(`run ${name}`);
            if (fail) {
                throw new Error(`${name} failed`);
            }
        },
        undo: async () => {
            log.push(`undo ${name}`);
        },
    });
    await expect(runTransaction([step("a"), step("b"), step("c", true), step("d")])).rejects.toThrow("c failed");
    expect(log).toEqual(["run a", "run b", "run c", "undo b", "undo a"]);
});

test("a failing undo is reported, not hidden", async () => {
    await expect(
        runTransaction([
            {
                name: "a",
                run: async () => {},
                undo: async () => {
                    throw new Error("busy");
                },
            },
            {
                name: "b",
                run: async () => {
                    throw new Error("b failed");
                },
            },
        ]),
    ).rejects.toThrow(/b failed\nundo of "a" failed too: busy/);
});

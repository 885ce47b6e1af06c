// The CLI's connection: from a file or the environment, never argv; a malformed one is refused
// without quoting a character of it.
import { CONNECTION_ENV, connectionFrom, parseConnectionJson } from "../../provider/cli/connection-arg";
import { graph } from "../../provider/graph/cli";

const SECRET = "hunter2-correct-horse";

test("malformed JSON is refused without any of its text", () => {
    for (const text of [`{"host":"10.0.0.5","password":"${SECRET}"`, `{"password":${SECRET}}`, `{'password':'${SECRET}'}`]) {
        let message = "";
        try {
            parseConnectionJson(text, "--connection-file conn.json");
        } catch (error) {
            message = (error as Error).message;
        }
        expect(message).toBe("--connection-file conn.json is not valid JSON (its content is not shown: it may hold secrets)");
        expect(message).not.toMatch(/hunter|horse|password/);
    }
    expect(() => parseConnectionJson(`["${SECRET}"]`, CONNECTION_ENV)).toThrow(/^PULUMI_NETNS_CONNECTION must hold a JSON object of connection fields/);
});

test("the file wins over the environment; neither means this machine", async () => {
    const read = async (file: string) => (file === "conn.json" ? '{"host":"a"}' : "");
    expect(await connectionFrom("conn.json", read, { [CONNECTION_ENV]: '{"host":"b"}' })).toEqual({ host: "a" });
    expect(await connectionFrom(undefined, read, { [CONNECTION_ENV]: '{"host":"b"}' })).toEqual({ host: "b" });
    expect(await connectionFrom(undefined, read, {})).toBeUndefined();
});

test("graph refuses a connection on the command line, without quoting it", async () => {
    const attempt = graph(["--live", "--connection", `{"host":"10.0.0.5","password":"${SECRET}"}`]);
    await expect(attempt).rejects.toThrow(/^--connection is no longer taken: every local user can read a command's arguments/);
    await expect(attempt).rejects.not.toThrow(SECRET);
    await expect(graph(["--connection-file", "conn.json"])).rejects.toThrow(/--connection-file goes with --live/);
});

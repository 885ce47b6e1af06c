// Classifies failed commands by the kernel's and the tools' own words (recorded in
// test/fixtures/err-*.txt): the one place that says what "not found" and "exists" look like.
import type { RunResult } from "../host/host";

const notFound = [
    /Cannot find device/,
    /Device "[^"]*" does not exist/,
    /No such file or directory/,
    /Cannot open network namespace/,
    /Address not found/,
    /No such process/,
    // iptables -C / -D of a rule (or a chain) that is not there
    /Bad rule/,
    /does a matching rule exist/,
    /No chain/,
];
const exists = [/File exists/, /Address already assigned/];

/** The object the command addressed is not there (a delete of it is then already done). */
export const isNotFound = (r: RunResult): boolean => r.exitCode !== 0 && notFound.some((re) => re.test(r.stderr));

/** The object the command would create is already there. */
export const isExists = (r: RunResult): boolean => r.exitCode !== 0 && exists.some((re) => re.test(r.stderr));

// A route's gateway or namespace that is not there yet: `ip route add` refuses the route.
const notReachable = [/Nexthop has invalid gateway/, /No route to host/, /Network is unreachable/, /Cannot open network namespace/];

/** The route could not be added because its gateway (or namespace) does not exist yet. */
export const isUnreachable = (r: RunResult): boolean => r.exitCode !== 0 && notReachable.some((re) => re.test(r.stderr));

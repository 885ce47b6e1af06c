// The seeds' recipe from config: names, subnet and ports (red/green is one config change:
// `pulumi config set --path 'namespaces[0]' red`, and [1] green). It builds on this machine, on
// the machine the `connection` config names (SSH), or on the one another stack exports
// (`hostStack`: its `connection` and `privateAddress` outputs, e.g. a stack that made an instance).
import * as pulumi from "@pulumi/pulumi";
import type * as netns from "pulumi-netns";
import { twoNamespaces } from "./topology";

const config = new pulumi.Config();
const hostStack = config.get("hostStack");
const host = hostStack ? new pulumi.StackReference(hostStack) : undefined;

const built = twoNamespaces({
    connection: host ? (host.requireOutput("connection") as pulumi.Output<netns.Connection>) : config.getSecretObject<netns.Connection>("connection"),
    hostAddress: host ? (host.requireOutput("privateAddress") as pulumi.Output<string>) : config.get("hostAddress"),
    names: config.getObject<string[]>("namespaces"),
    bridgeName: config.get("bridgeName"),
    subnet: config.get("subnet"),
    hostPort: config.getNumber("hostPort"),
    targetPort: config.getNumber("targetPort"),
    acceptForward: config.getBoolean("acceptForward"),
    server: config.getBoolean("server"),
});

export const bridgeAddress = built.bridgeAddress;
export const namespaces = built.namespaces;
export const addresses = built.addresses;
export const forwarded = built.forwarded;
/** With `server: true`: the systemd unit running the seeds' server in the first namespace. */
export const server = built.server;

// What a machine-making stack exports for the network stack: how to log in (the key as a secret)
// and the machine's private address. A real one takes them from its instance's outputs.
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();

export const connection = {
    host: config.require("address"),
    user: config.get("user") ?? "root",
    privateKey: config.requireSecret("privateKey"),
    hostKey: config.require("hostKey"),
    sudo: config.getBoolean("sudo") ?? false,
};
export const privateAddress = config.require("privateAddress");

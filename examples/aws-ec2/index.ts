// An Ubuntu instance on EC2, then the two-namespace recipe built on it over SSH: the namespaces
// live on the instance, and its port 5000 forwards into ns1.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as netns from "pulumi-netns";
import { twoNamespaces } from "../two-namespaces/topology";

const config = new pulumi.Config();
const publicKey = config.require("publicKey"); // e.g. the contents of netns-key.pub
const privateKey = config.requireSecret("privateKey"); // its private half, kept encrypted
// Who may reach SSH: your own address, e.g. "198.51.100.7/32". Required: an open port 22 invites every scanner.
const sshCidr = config.require("sshCidr");
const hostPort = 5000;

// The newest Ubuntu 24.04 LTS image from Canonical.
const ami = aws.ec2.getAmiOutput({
    owners: ["099720109477"],
    mostRecent: true,
    filters: [
        { name: "name", values: ["ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"] },
        { name: "virtualization-type", values: ["hvm"] },
    ],
});

const firewall = new aws.ec2.SecurityGroup("netns-host", {
    description: "SSH for Pulumi, and the forwarded port",
    ingress: [
        { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [sshCidr] },
        { protocol: "tcp", fromPort: hostPort, toPort: hostPort, cidrBlocks: ["0.0.0.0/0"] },
    ],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
});

const keyPair = new aws.ec2.KeyPair("netns-host", { publicKey });

const instance = new aws.ec2.Instance("netns-host", {
    ami: ami.id,
    instanceType: config.get("instanceType") ?? "t3.micro",
    keyName: keyPair.keyName,
    vpcSecurityGroupIds: [firewall.id],
    tags: { Name: "pulumi-netns" },
});

// The instance's own outputs say where to log in. Its sshd may still be booting: 20 attempts
// span more than 2 minutes.
const connection: netns.Connection = { host: instance.publicIp, user: "ubuntu", privateKey, sudo: true, dialErrorLimit: 20 };

// EC2 delivers traffic for the public address to the private one: forward what arrives there.
const built = twoNamespaces({ connection, hostAddress: instance.privateIp, hostPort, dependsOn: [instance] });

export const publicIp = instance.publicIp;
export const privateIp = instance.privateIp;
export const namespaces = built.namespaces;
export const url = pulumi.interpolate`http://${instance.publicIp}:${hostPort}/`;

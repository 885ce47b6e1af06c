import * as netns from "pulumi-netns";

// A bridge holding 10.77.0.1, NAT to the outside and forwarding on: one Network.
const lab = new netns.Network("lab", { subnet: "10.77.0.0/24" });

// Each member is a namespace with a veth on the bridge, an address from the subnet and a default route.
const web = lab.attach("web");
lab.attach("db");

// Host port 8080 to web:8080 (uncomment when something listens there):
// lab.publish("http", { member: web, port: 8080 });

export const webAddress = web.ipv4;
export const addresses = lab.addresses;

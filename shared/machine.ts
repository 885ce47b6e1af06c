// How a machine is identified, in one place: by the address and port resources reach it at.
// (The login, credentials and pin decide a session's trust, not which machine it is.)

interface Endpoint {
    host: string;
    port?: number;
    user?: string;
}

/** "203.0.113.5:22", "[2001:db8::5]:22": the machine; changing it means another machine. */
export const machineOf = (c: Endpoint | undefined): string => (c ? `${c.host.includes(":") ? `[${c.host}]` : c.host}:${c.port ?? 22}` : "local");

/** "ubuntu@203.0.113.5:22": how messages name a remote machine and login (never with credentials). */
export const describeEndpoint = (c: Endpoint): string => `${c.user ?? "root"}@${machineOf(c)}`;

/** The `connection` field of a resource's props, if it has one (unparsed: for comparing and pinning). */
export const connectionOf = (props: Record<string, unknown>): (Endpoint & Record<string, unknown>) | undefined =>
    props.connection !== null && typeof props.connection === "object" ? (props.connection as Endpoint & Record<string, unknown>) : undefined;

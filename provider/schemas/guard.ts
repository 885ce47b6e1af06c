// The opt-ins of the guard rails: a resource refused at preview for a collision with what the
// machine already has can say it means it.
import { z } from "zod";

/**
 * Share a network the machine already has: without it, an address or subnet overlapping one of the
 * machine's networks (its uplink, Docker's bridge, another stack's bridge) is refused at preview.
 */
export const allowOverlap = z.boolean().optional();

/**
 * Forward a host port that is already in use: without it, a port the connection's SSH server, a
 * listening process or another DNAT rule holds is refused at preview.
 */
export const allowPortInUse = z.boolean().optional();

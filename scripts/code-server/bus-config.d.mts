/** The dbus-daemon config for a session bus listening in `dir` (bus-config.mjs). */
export function sessionBusConfig(dir: string): string;

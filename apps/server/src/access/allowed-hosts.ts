/**
 * DNS rebinding defence: a page on evil.example whose name the attacker re-points at 127.0.0.1 reaches the
 * Dispatcher with `Host: evil.example:8081`. Only the names this machine is known by are answered.
 */
import { hostname, networkInterfaces } from 'node:os';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** True for the addresses that only this machine can reach. */
export function isLoopbackAddress(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface HostPolicy {
  /** True when `Host` (name[:port]) names this server. */
  allows(hostHeader: string | undefined): boolean;
}

/**
 * Loopback names with the bound port; bound beyond loopback, also this machine's own addresses and name with
 * that port (students type the teacher's IP); and every name given with `--allowed-host`, with any port (a
 * reverse proxy in front may use its own). `port` is read per request: with port 0 it is known only once bound.
 */
export function hostPolicy(bindHost: string, port: () => number, allowedHosts: readonly string[]): HostPolicy {
  const ownNames = new Set(LOOPBACK_NAMES);
  if (!isLoopbackAddress(bindHost)) {
    ownNames.add(hostname().toLowerCase());
    for (const addresses of Object.values(networkInterfaces()))
      for (const { address, family } of addresses ?? []) ownNames.add(family === 'IPv6' ? `[${address}]` : address);
    if (bindHost !== '0.0.0.0' && bindHost !== '::') ownNames.add(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
  }
  const configured = new Set(allowedHosts.map((name) => name.toLowerCase()));
  return {
    allows(hostHeader) {
      if (hostHeader === undefined) return false;
      const { name, port: given } = splitHost(hostHeader.toLowerCase());
      if (configured.has(name)) return true;
      return ownNames.has(name) && given === String(port());
    },
  };
}

/** `name:port`, `[v6]:port` or a bare name; the port is '' when absent. */
function splitHost(host: string): { name: string; port: string } {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(host);
  return match ? { name: match[1] ?? '', port: match[2] ?? '' } : { name: host, port: '' };
}

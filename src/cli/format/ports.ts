// docker's DisplayablePorts: "0.0.0.0:8080->80/tcp, [::]:8080->80/tcp", "80/tcp", with runs of
// consecutive ports grouped ("8000-8002/tcp").

/** A port entry of a container summary. */
export interface PortEntry {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

const joinHostPort = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

function formGroup(key: string, first: number, last: number): string {
  const parts = key.split('/');
  let type = parts[0];
  let ip = '';
  if (parts.length > 1) { ip = parts[0]; type = parts[1]; }
  let group = String(first);
  if (first !== last) group = `${group}-${last}`;
  if (ip) group = `${ip}:${group}->${group}`;
  return `${group}/${type}`;
}

/** Renders the PORTS column. */
export function displayablePorts(input: readonly PortEntry[]): string {
  const ports = [...input].sort((a, b) =>
    a.PrivatePort !== b.PrivatePort ? a.PrivatePort - b.PrivatePort
      : (a.IP ?? '') !== (b.IP ?? '') ? ((a.IP ?? '') < (b.IP ?? '') ? -1 : 1)
        : (a.PublicPort ?? 0) !== (b.PublicPort ?? 0) ? (a.PublicPort ?? 0) - (b.PublicPort ?? 0)
          : a.Type < b.Type ? -1 : a.Type > b.Type ? 1 : 0);
  const groups = new Map<string, { first: number; last: number }>();
  const order: string[] = [];
  const result: string[] = [];
  const hostMappings: string[] = [];
  for (const port of ports) {
    const current = port.PrivatePort;
    let key = port.Type;
    if (port.IP) {
      if ((port.PublicPort ?? 0) !== current) {
        hostMappings.push(`${joinHostPort(port.IP, port.PublicPort ?? 0)}->${port.PrivatePort}/${port.Type}`);
        continue;
      }
      key = `${port.IP}/${port.Type}`;
    }
    const group = groups.get(key);
    if (!group) { groups.set(key, { first: current, last: current }); order.push(key); continue; }
    if (current === group.last + 1) { group.last = current; continue; }
    result.push(formGroup(key, group.first, group.last));
    groups.set(key, { first: current, last: current });
  }
  for (const key of order) {
    const g = groups.get(key)!;
    result.push(formGroup(key, g.first, g.last));
  }
  return [...result, ...hostMappings].join(', ');
}

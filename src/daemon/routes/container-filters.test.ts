// Unit tests of the server-side container list filtering (moby semantics).
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../api/index.js';
import { filterContainers } from './container-filters.js';

function c(name: string, state: ContainerSummary['State'], created: number, extra: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    Id: `${name}`.padEnd(64, '0'), Names: [`/${name}`], Image: 'alpine', ImageID: 'sha256:aa', Command: 'x', Created: created,
    Ports: [], Labels: {}, State: state, Status: state === 'exited' ? 'Exited (3) 1 second ago' : 'Up 1 second',
    HostConfig: { NetworkMode: 'bridge' }, NetworkSettings: { Networks: { bridge: {} } }, Mounts: [], ...extra,
  };
}

const list = [
  c('old', 'exited', 1), c('mid', 'running', 2, { Labels: { a: 'b' } }), c('new', 'paused', 3, { Image: 'docker.io/library/busybox:latest' }),
];
const names = (l: ContainerSummary[]): string[] => l.map((x) => x.Names[0]);

describe('filterContainers', () => {
  it('shows running and paused by default, all with all, newest first', () => {
    expect(names(filterContainers(list, { all: false, limit: -1, filters: {} }))).toEqual(['/new', '/mid']);
    expect(names(filterContainers(list, { all: true, limit: -1, filters: {} }))).toEqual(['/new', '/mid', '/old']);
  });
  it('implies all for limit and status, and validates values', () => {
    expect(names(filterContainers(list, { all: false, limit: 1, filters: {} }))).toEqual(['/new']);
    expect(names(filterContainers(list, { all: false, limit: -1, filters: { status: ['exited'] } }))).toEqual(['/old']);
    expect(() => filterContainers(list, { all: true, limit: -1, filters: { status: ['bogus'] } })).toThrow("invalid filter 'status=bogus'");
  });
  it('filters by label, exited code, ancestor, before/since and network', () => {
    const q = (filters: Record<string, string[]>) => names(filterContainers(list, { all: true, limit: -1, filters }));
    expect(q({ label: ['a=b'] })).toEqual(['/mid']);
    expect(q({ label: ['a=c'] })).toEqual([]);
    expect(q({ exited: ['3'] })).toEqual(['/old']);
    expect(q({ ancestor: ['busybox'] })).toEqual(['/new']);
    expect(q({ before: ['new'] })).toEqual(['/mid', '/old']);
    expect(q({ since: ['old'] })).toEqual(['/new', '/mid']);
    expect(q({ network: ['bridge'] })).toHaveLength(3);
    expect(q({ name: ['^mid$'] })).toEqual(['/mid']);
  });
});

// --user resolution against a container's passwd and group files (runc's rules and messages).
import { describe, expect, it } from 'vitest';
import { parseGroup, parsePasswd, resolveUser } from './user-lookup.js';

const passwd = parsePasswd('root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\nbob:x:1000:1000::/home/bob:/bin/sh\n');
const groups = parseGroup('root:x:0:\nwheel:x:10:bob\nnogroup:x:65534:\nbob:x:1000:\n');

describe('resolveUser', () => {
  it('resolves names, numbers, user:group and supplementary groups', () => {
    expect(resolveUser('', passwd, groups)).toEqual({ uid: 0, gid: 0, groups: [], home: '/root' });
    expect(resolveUser('nobody', passwd, groups)).toEqual({ uid: 65534, gid: 65534, groups: [], home: '/home' });
    expect(resolveUser('bob', passwd, groups)).toEqual({ uid: 1000, gid: 1000, groups: [10], home: '/home/bob' });
    expect(resolveUser('4242', passwd, groups)).toEqual({ uid: 4242, gid: 0, groups: [], home: '/' });
    expect(resolveUser('65534:wheel', passwd, groups)).toMatchObject({ uid: 65534, gid: 10 });
    expect(resolveUser('bob', passwd, groups, ['nogroup'])).toMatchObject({ groups: [10, 65534] });
  });

  it('fails like runc for unknown names', () => {
    expect(() => resolveUser('alice', passwd, groups)).toThrow('unable to find user alice: no matching entries in passwd file');
    expect(() => resolveUser('0:staff', passwd, groups)).toThrow('unable to find group staff: no matching entries in group file');
  });
});

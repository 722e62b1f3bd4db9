// Images saved by skiff are read by other tools: skopeo (as a docker-archive and as an
// oci-archive) and umoci (the OCI layout, unpacked to a root filesystem). Skipped, with a
// warning, where the tools are missing (.ci/run installs them from Debian).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImageStore, saveImages } from '../../src/image/index.js';

const has = (tool: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const tools = has('skopeo') && has('umoci') && has('tar');
if (!tools) console.warn('test/image/interop.test.ts: skipped, skopeo or umoci is not installed');

async function savedImage(dir: string): Promise<string> {
  const store = await ImageStore.open(join(dir, 'store'));
  const layer = await store.putLayer([
    { path: 'etc', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: 0 },
    { path: 'etc/motd', type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, data: new TextEncoder().encode('made by skiff\n') },
  ]);
  await store.putImage({ config: { Cmd: ['cat', '/etc/motd'], Env: ['A=1'] } }, [layer], { tags: ['interop:1'] });
  const tar = join(dir, 'image.tar');
  writeFileSync(tar, await saveImages(store, ['interop:1']));
  return tar;
}

describe.skipIf(!tools)('saved images in other tools', () => {
  it('skopeo inspects the save as a docker-archive and as an oci-archive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skiff-interop-'));
    const tar = await savedImage(dir);
    for (const transport of ['docker-archive', 'oci-archive']) {
      const info = JSON.parse(execFileSync('skopeo', ['inspect', `${transport}:${tar}`], { encoding: 'utf8' }));
      expect(info.Architecture).toBe('amd64');
      expect(info.Env).toEqual(['A=1']);
      expect(info.Layers).toHaveLength(1);
    }
  });

  it('umoci lists and unpacks the OCI layout inside the save', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skiff-interop-'));
    const tar = await savedImage(dir);
    const layout = join(dir, 'layout');
    mkdirSync(layout);
    execFileSync('tar', ['-C', layout, '-xf', tar]);
    expect(execFileSync('umoci', ['ls', '--layout', layout], { encoding: 'utf8' }).trim().split('\n')).toContain('1');
    execFileSync('umoci', ['unpack', '--rootless', '--image', `${layout}:1`, join(dir, 'bundle')], { stdio: 'ignore' });
    expect(readFileSync(join(dir, 'bundle', 'rootfs', 'etc', 'motd'), 'utf8')).toBe('made by skiff\n');
  });
});

// The resize routes over a temporary socket with the fake engine: moby's strconv.Atoi errors
// for h and w (400), 404 for unknown containers and execs, 200 with an empty body otherwise.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDaemonServer, type DaemonServer } from '../server.js';
import { createFakeEngine } from '../test-support/fake-backends.js';
import { request } from '../test-support/raw-client.js';

let dir: string;
let sock: string;
let server: DaemonServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'skiffd-resize-'));
  sock = join(dir, 'docker.sock');
  server = createDaemonServer({ backends: createFakeEngine().backends, logger: { debug: () => undefined, error: () => undefined } });
  await server.listen(sock);
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (path: string) => request(sock, 'POST', path, {});
const message = (body: Buffer) => (JSON.parse(body.toString('utf8')) as { message: string }).message;

describe('POST /containers/{id}/resize and /exec/{id}/resize', () => {
  it('answers 200 with an empty body for an existing container', async () => {
    const created = await request(sock, 'POST', '/v1.50/containers/create', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ Image: 'busybox', Tty: true }) });
    const id = (JSON.parse(created.body.toString('utf8')) as { Id: string }).Id;
    const r = await post(`/v1.50/containers/${id}/resize?h=40&w=120`);
    expect(r.status).toBe(200);
    expect(r.body.length).toBe(0);
  });

  it.each([
    ['?h=abc&w=20', 'strconv.Atoi: parsing "abc": invalid syntax'],
    ['?w=20', 'strconv.Atoi: parsing "": invalid syntax'],
    ['?h=10', 'strconv.Atoi: parsing "": invalid syntax'],
    ['?h=99999999999999999999&w=1', 'strconv.Atoi: parsing "99999999999999999999": value out of range'],
  ])('400 for %s as moby words it', async (query, text) => {
    for (const path of ['/v1.50/containers/whatever/resize', '/v1.50/exec/whatever/resize']) {
      const r = await post(`${path}${query}`);
      expect(r.status).toBe(400);
      expect(message(r.body)).toBe(text);
    }
  });

  it('404 for unknown containers and execs', async () => {
    const c = await post('/v1.50/containers/nope/resize?h=1&w=1');
    expect([c.status, message(c.body)]).toEqual([404, 'No such container: nope']);
    const e = await post('/v1.50/exec/nope/resize?h=1&w=1');
    expect([e.status, message(e.body)]).toEqual([404, 'No such exec instance: nope']);
  });
});

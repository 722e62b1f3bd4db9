// The real docker CLI (on the PATH; CI installs it) driving a real skiffd child process through
// DOCKER_HOST=unix://<socket>. Skipped, with a message, where no docker CLI is installed.
import { describe, it } from 'vitest';
import { defineCliCompatSuite } from './cli-compat-suite.js';
import { dockerClient, dockerOnPath } from './cli-client.js';

const hasDocker = dockerOnPath();

if (hasDocker) {
  defineCliCompatSuite('docker CLI', (socket, scratch) => dockerClient(socket, scratch));
} else {
  describe('docker CLI against skiffd', () => {
    it.skip('skipped: no `docker` executable on the PATH (install the docker CLI to run this suite)', () => undefined);
  });
  console.warn('test/compat/docker-cli.test.ts: skipped, no `docker` executable on the PATH');
}

// Scenarios recorded by record-fixtures.mjs: docker commands against the real engine.
// `setup` runs before recording (with DOCKER_HOST pointing straight at the engine).
const base = `docker rm -f web old made c1 c2 >/dev/null 2>&1;
docker run -d --name web -l app=demo -p 8080:80 -e A=1 busybox sleep 100000 >/dev/null;
docker run --name old busybox sh -c 'echo out1; echo err1 >&2; echo out2; exit 3' >/dev/null 2>&1;
docker tag busybox myrepo/bb:v1; true`;

const createFlags = (name) => ['create', '--name', name, '-e', 'A=1', '-e', 'B', '-w', '/tmp', '-u', '1000:1000',
  '--entrypoint', '/bin/sh', '--hostname', 'h1', '--label', 'l1=v1', '-l', 'l2', '--restart', 'on-failure:3',
  '--stop-signal', 'SIGINT', '--stop-timeout', '5', '--init', '--read-only', '--privileged',
  '--cap-add', 'NET_ADMIN', '--cap-drop', 'ALL', '-m', '64m', '--memory-swap', '128m', '--cpus', '0.5',
  '--cpu-shares', '512', '--cpu-quota', '50000', '--cpu-period', '100000', '--cpuset-cpus', '0-1',
  '--pids-limit', '20', '--tmpfs', '/run:size=64m', '--tmpfs', '/scratch', '--shm-size', '32m',
  '--health-cmd', 'true', '--health-interval', '5s', '--health-retries', '3', '--health-timeout', '2s',
  '--health-start-period', '1s', '--ulimit', 'nofile=1024:2048', '--ulimit', 'nproc=10',
  '-p', '8081:81', '-p', '127.0.0.1:8082:82/udp', '-p', '9000', '-v', 'vol:/data', '-v', '/tmp:/host:ro',
  '--network', 'none', '--platform', 'linux/amd64', '-t', '-i', 'busybox', '-c', 'echo hi'];

export const scenarios = [
  { name: 'ps', setup: base, args: ['ps'] },
  { name: 'ps-a', args: ['ps', '-a'] },
  { name: 'ps-a-notrunc', args: ['ps', '-a', '--no-trunc'] },
  { name: 'ps-q', args: ['ps', '-a', '-q'] },
  { name: 'ps-s', args: ['ps', '-a', '-s'] },
  { name: 'ps-l', args: ['ps', '-l'] },
  { name: 'ps-n', args: ['ps', '-n', '1'] },
  { name: 'ps-filter', args: ['ps', '-a', '--filter', 'status=exited', '--filter', 'name=old'] },
  { name: 'ps-format-names', args: ['ps', '-a', '--format', '{{.Names}}'] },
  { name: 'ps-format-table', args: ['ps', '-a', '--format', 'table {{.ID}}\t{{.Status}}\t{{.Names}}'] },
  { name: 'ps-format-json', args: ['ps', '-a', '--format', '{{json .}}'] },
  { name: 'ps-format-json-kw', args: ['ps', '-a', '--format', 'json'] },
  { name: 'ps-format-label', args: ['ps', '--format', '{{.Label "app"}} {{.Labels}} {{.Ports}} {{.Command}} {{upper .Names}} {{.State}}'] },
  { name: 'images', args: ['images'] },
  { name: 'images-q', args: ['images', '-q'] },
  { name: 'images-notrunc', args: ['images', '--no-trunc'] },
  { name: 'images-json', args: ['images', '--format', 'json'] },
  { name: 'images-ref', args: ['images', 'busybox'] },
  { name: 'image-ls', args: ['image', 'ls', '--format', 'table {{.Repository}}:{{.Tag}}\t{{.Size}}'] },
  { name: 'history', args: ['history', 'busybox'] },
  { name: 'history-notrunc', args: ['history', '--no-trunc', 'busybox'] },
  { name: 'image-inspect', args: ['image', 'inspect', 'busybox'] },
  { name: 'inspect-container', args: ['inspect', 'web'] },
  { name: 'inspect-format', args: ['inspect', '-f', '{{.State.Status}} {{.Name}} {{json .Config.Labels}} {{range .Config.Env}}[{{.}}]{{end}}', 'web'] },
  { name: 'inspect-nope', args: ['inspect', 'nope'] },
  { name: 'inspect-type-image', args: ['inspect', '--type', 'image', '--format', '{{.Id}}', 'busybox'] },
  { name: 'container-inspect-nope', args: ['container', 'inspect', 'nope'] },
  { name: 'run-echo', args: ['run', '--rm', 'busybox', 'echo', 'hi'] },
  { name: 'run-exit3', args: ['run', '--rm', 'busybox', 'sh', '-c', 'echo out; echo err >&2; exit 3'] },
  { name: 'run-stdin', args: ['run', '-i', '--rm', 'busybox', 'cat'], stdin: 'hello\nworld\n' },
  { name: 'run-d', setup: 'docker rm -f made >/dev/null 2>&1; true', args: ['run', '-d', '--name', 'made', 'busybox', 'true'] },
  { name: 'run-conflict', args: ['run', '-d', '--name', 'web', 'busybox', 'true'] },
  { name: 'run-notfound', args: ['run', '--rm', 'busybox', 'nosuchcmd'] },
  { name: 'run-nosuchimage', args: ['run', '--rm', '--pull', 'never', 'nosuchimage'] },
  { name: 'run-badflag', args: ['run', '--frob', 'busybox'] },
  { name: 'create-flags', setup: 'docker rm -f c1 >/dev/null 2>&1; true', args: createFlags('c1') },
  { name: 'create-simple', setup: 'docker rm -f c2 >/dev/null 2>&1; true', args: ['create', '--name', 'c2', 'busybox', 'true'] },
  { name: 'exec', args: ['exec', 'web', 'echo', 'hi'] },
  { name: 'exec-exit', args: ['exec', '-e', 'X=1', '-w', '/tmp', '-u', 'root', 'web', 'sh', '-c', 'echo $X $PWD; exit 4'] },
  { name: 'exec-stdin', args: ['exec', '-i', 'web', 'cat'], stdin: 'abc\n' },
  { name: 'exec-d', args: ['exec', '-d', 'web', 'sleep', '1'] },
  { name: 'exec-nope', args: ['exec', 'nope', 'true'] },
  { name: 'logs', args: ['logs', 'old'] },
  { name: 'logs-tail', args: ['logs', '--tail', '1', 'old'] },
  { name: 'logs-t', args: ['logs', '-t', 'old'] },
  { name: 'top', args: ['top', 'web'] },
  { name: 'port', args: ['port', 'web'] },
  { name: 'stats', args: ['stats', '--no-stream', 'web'] },
  { name: 'stats-format', args: ['stats', '--no-stream', '--format', '{{.Name}} {{.MemPerc}} {{.PIDs}}', 'web'] },
  { name: 'wait', args: ['wait', 'old'] },
  { name: 'diff', args: ['diff', 'old'] },
  { name: 'stop-nope', args: ['stop', 'nope'] },
  { name: 'stop-noargs', args: ['stop'] },
  { name: 'rm-f-nope', args: ['rm', '-f', 'nope'] },
  { name: 'start-nope', args: ['start', 'nope'] },
  { name: 'rm-running', args: ['rm', 'web'] },
  { name: 'rmi-nope', args: ['rmi', 'nope'] },
  { name: 'tag', args: ['tag', 'busybox', 'myrepo/bb:v2'] },
  { name: 'rmi-tag', args: ['rmi', 'myrepo/bb:v2'] },
  { name: 'pause', args: ['pause', 'web'] },
  { name: 'ps-paused', args: ['ps'] },
  { name: 'unpause', args: ['unpause', 'web'] },
  { name: 'rename', setup: 'docker rm -f made2 >/dev/null 2>&1; true', args: ['rename', 'made', 'made2'] },
  { name: 'restart', args: ['restart', '-t', '1', 'made2'] },
  { name: 'kill', args: ['kill', 'made2'] },
  { name: 'system-df', args: ['system', 'df'] },
  { name: 'version-format', args: ['version', '--format', '{{.Server.APIVersion}} {{.Server.Os}}'] },
  { name: 'info-format', args: ['info', '--format', '{{.OSType}} {{.Images}}'] },
  { name: 'events', args: ['events', '--since', '2020-01-01T00:00:00', '--until', '1s', '--filter', 'container=old'] },
  { name: 'unknown-cmd', args: ['frob'] },
  { name: 'container-ls', args: ['container', 'ls', '-a', '--format', '{{.Names}}\t{{.Image}}'] },
];

/** Create bodies for flag-mapping tests (the engine may refuse them; the body is what counts). */
export const createScenarios = [
  { name: 'create-net-bridge', setup: 'docker rm -f c3 >/dev/null 2>&1; true', args: ['create', '--name', 'c3', '--network', 'bridge', 'busybox'] },
  { name: 'create-net-user', args: ['create', '--network', 'mynet', '--network-alias', 'web', 'busybox'] },
  { name: 'create-misc', args: ['run', '--rm', '-P', '--mount', 'type=volume,src=v1,dst=/v1', '--mount', 'type=bind,source=/tmp,target=/b,readonly',
    '--add-host', 'a:1.2.3.4', '--dns', '8.8.8.8', '--log-driver', 'json-file', '--log-opt', 'max-size=1m', '--no-healthcheck',
    '--env-file', '/tmp/skiff-envfile', '--memory-reservation', '32m', '--pull', 'never', '--expose', '7000', '--cpu-shares', '2', '-d', 'busybox', 'x'] },
  { name: 'create-health', args: ['create', '--health-cmd', 'exit 0', '--memory-swap', '-1', '--restart', 'always', '--pids-limit', '-1', '--user', 'nobody', '--workdir', '/w', '--tmpfs', '/t:rw,size=1m', 'busybox'] },
];
scenarios.push(...createScenarios);

/** Builds (legacy builder) of a small context made in setup. */
const bctx = `rm -rf /tmp/skiff-bctx && mkdir -p /tmp/skiff-bctx/sub && cd /tmp/skiff-bctx &&
printf 'FROM busybox\\nARG A\\nRUN echo hi $A\\nCOPY hello.txt /\\n' > Dockerfile && echo hello > hello.txt &&
echo x > sub/skip.txt && echo y > sub/keep.txt && printf 'sub/skip.txt\\n' > .dockerignore`;
export const buildScenarios = [
  { name: 'build', setup: bctx, cwd: '/tmp/skiff-bctx', env: { DOCKER_BUILDKIT: '0' }, args: ['build', '--no-cache', '--build-arg', 'A=1', '-t', 'bx', '-t', 'by:2', '.'] },
  { name: 'build-q', cwd: '/tmp/skiff-bctx', env: { DOCKER_BUILDKIT: '0' }, args: ['build', '-q', '--label', 'l=v', '.'] },
  { name: 'build-fail', setup: "printf 'FROM busybox\\nRUN exit 3\\n' > /tmp/skiff-Dockerfile.bad", cwd: '/tmp/skiff-bctx', env: { DOCKER_BUILDKIT: '0' }, args: ['build', '--no-cache', '-f', '/tmp/skiff-Dockerfile.bad', '.'] },
];
scenarios.push(...buildScenarios);

/** Usage errors (no request reaches the daemon). */
export const usageScenarios = [
  { name: 'usage-ps-arg', args: ['ps', 'x'] },
  { name: 'usage-rename', args: ['rename', 'a'] },
  { name: 'usage-port', args: ['port'] },
  { name: 'usage-ps-n', args: ['ps', '-n'] },
  { name: 'usage-ps-last', args: ['ps', '--last'] },
  { name: 'usage-ps-z', args: ['ps', '-z'] },
  { name: 'usage-run-m', args: ['run', '-m', 'abc', 'busybox'] },
  { name: 'usage-logs', args: ['logs'] },
  { name: 'usage-exec', args: ['exec', 'web'] },
  { name: 'usage-image-frob', args: ['image', 'frob'] },
  { name: 'usage-container-ls-x', args: ['container', 'ls', '--frob'] },
];
scenarios.push(...usageScenarios);

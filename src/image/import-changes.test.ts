import { describe, expect, it } from 'vitest';
import { applyChanges, parseDuration, splitWords } from './import-changes.js';

describe('import --change', () => {
  it('CMD and ENTRYPOINT in JSON and shell form', () => {
    expect(applyChanges({}, ['CMD ["sh"]']).Cmd).toEqual(['sh']);
    expect(applyChanges({}, ['CMD echo "hi there"']).Cmd).toEqual(['/bin/sh', '-c', 'echo "hi there"']);
    expect(applyChanges({}, ['ENTRYPOINT ["/bin/app", "-v"]']).Entrypoint).toEqual(['/bin/app', '-v']);
    expect(applyChanges({}, ['cmd [not json']).Cmd).toEqual(['/bin/sh', '-c', '[not json']);
  });

  it('ENV and LABEL, both syntaxes; ENV replaces an existing key', () => {
    const c = applyChanges({ Env: ['PATH=/bin', 'A=0'] }, ['ENV A=1 B="two words"', 'ENV C three words', 'LABEL x=y "z z"=w']);
    expect(c.Env).toEqual(['PATH=/bin', 'A=1', 'B=two words', 'C=three words']);
    expect(c.Labels).toEqual({ x: 'y', 'z z': 'w' });
  });

  it('EXPOSE, VOLUME, WORKDIR, USER, STOPSIGNAL, ONBUILD', () => {
    const c = applyChanges({}, ['EXPOSE 80 53/udp 8000-8001', 'VOLUME ["/data"]', 'VOLUME /a /b', 'WORKDIR /srv', 'WORKDIR app', 'USER 1000:1000', 'STOPSIGNAL SIGINT', 'ONBUILD RUN make']);
    expect(c.ExposedPorts).toEqual({ '80/tcp': {}, '53/udp': {}, '8000/tcp': {}, '8001/tcp': {} });
    expect(c.Volumes).toEqual({ '/data': {}, '/a': {}, '/b': {} });
    expect(c.WorkingDir).toBe('/srv/app');
    expect([c.User, c.StopSignal, c.OnBuild]).toEqual(['1000:1000', 'SIGINT', ['RUN make']]);
  });

  it('HEALTHCHECK with flags, and NONE', () => {
    expect(applyChanges({}, ['HEALTHCHECK --interval=5s --retries=3 CMD curl -f http://x/']).Healthcheck)
      .toEqual({ Interval: 5e9, Retries: 3, Test: ['CMD-SHELL', 'curl -f http://x/'] });
    expect(applyChanges({}, ['HEALTHCHECK CMD ["true"]']).Healthcheck).toEqual({ Test: ['CMD', 'true'] });
    expect(applyChanges({}, ['HEALTHCHECK NONE']).Healthcheck).toEqual({ Test: ['NONE'] });
  });

  it('does not modify its input', () => {
    const orig = { Env: ['A=1'] };
    applyChanges(orig, ['ENV A=2']);
    expect(orig).toEqual({ Env: ['A=1'] });
  });

  it('refuses other instructions and bad arguments', () => {
    expect(() => applyChanges({}, ['FROM busybox'])).toThrow('FROM is not a valid change command');
    expect(() => applyChanges({}, ['RUN ls'])).toThrow('RUN is not a valid change command');
    expect(() => applyChanges({}, ['EXPOSE http'])).toThrow('Invalid containerPort: http');
    expect(() => applyChanges({}, ['HEALTHCHECK --interval=5x CMD true'])).toThrow('time: invalid duration "5x"');
  });

  it('helpers', () => {
    expect(splitWords(`a "b c" 'd e' f\\ g`)).toEqual(['a', 'b c', 'd e', 'f g']);
    expect(parseDuration('1m30s')).toBe(90e9);
    expect(parseDuration('500ms')).toBe(5e8);
  });
});

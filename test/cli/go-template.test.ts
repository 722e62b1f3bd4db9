// Unit tests of the Go template engine against outputs recorded from docker 28 (see the
// inspect-format and ps-format-label fixtures) and Go's documented semantics.
import { describe, expect, it } from 'vitest';
import { GoTemplate } from '../../src/cli/template/go-template.js';
import { GO_TYPE } from '../../src/cli/template/go-value.js';
import { TemplateError } from '../../src/cli/template/template-error.js';

const run = (src: string, data: unknown, opts = {}) => new GoTemplate(src, opts).execute(data);

describe('GoTemplate', () => {
  const inspect = { Name: '/web', State: { Status: 'running', Pid: 6679 }, Config: { Labels: { app: 'demo' }, Env: ['A=1', 'PATH=/bin'], Cmd: ['sleep', '100000'] } };

  it('resolves fields, json, range and index like docker inspect -f', () => {
    expect(run('{{.State.Status}} {{.Name}} {{json .Config.Labels}} {{range .Config.Env}}[{{.}}]{{end}}', inspect))
      .toBe('running /web {"app":"demo"} [A=1][PATH=/bin]');
    expect(run('{{index .Config.Labels "app"}}|{{.Config.Cmd}}|{{.Config.Labels}}|{{len .Config.Env}}|{{.State.Pid}}', inspect))
      .toBe('demo|[sleep 100000]|map[app:demo]|2|6679');
  });

  it('formats printf verbs like Go', () => {
    expect(run('{{printf "%q %5d|%-4s|%.2f|%x|%v" .Name 42 "a" 1.234 255 .Config.Cmd}}', inspect)).toBe('"/web"    42|a   |1.23|ff|[sleep 100000]');
  });

  it('supports if/else if/else, with, variables and comparisons', () => {
    const t = '{{if eq .State.Status "exited"}}E{{else if eq .State.Status "running"}}R{{else}}?{{end}}';
    expect(run(t, inspect)).toBe('R');
    expect(run('{{with .Config}}{{.Cmd}}{{end}}{{with .Nope}}x{{else}}none{{end}}', inspect)).toBe('[sleep 100000]none');
    expect(run('{{$n := .Name}}{{range $i, $e := .Config.Env}}{{$i}}={{$e}}{{$n}};{{end}}', inspect)).toBe('0=A=1/web;1=PATH=/bin/web;');
    expect(run('{{range $k, $v := .Config.Labels}}{{$k}}->{{$v}}{{end}}', inspect)).toBe('app->demo');
    expect(run('{{if and (gt .State.Pid 1) (not false)}}yes{{end}}', inspect)).toBe('yes');
  });

  it('has docker functions: split, join, title, lower, upper, pad, truncate, println', () => {
    expect(run('{{title "abc def"}}|{{split "a,b" ","}}|{{join (split "web" "e") ","}}|{{pad "x" 1 2}}|{{truncate "web" 2}}|{{lower "AB"}}{{println}}x', {}))
      .toBe('Abc Def|[a b]|w,b| x  |we|ab\nx');
    expect(run('{{.Name | upper}}', inspect)).toBe('/WEB');
  });

  it('trims whitespace around {{- and -}} and skips comments', () => {
    expect(run('a  {{- .Name -}}  b{{/* note */}}', inspect)).toBe('a/webb');
  });

  it('calls context methods with arguments and reports missing fields like Go', () => {
    const ctx = { [GO_TYPE]: '*formatter.ContainerContext', Names: () => 'web', Label: (k: string) => (k === 'app' ? 'demo' : '') };
    expect(run('{{.Names}} {{.Label "app"}}', ctx)).toBe('web demo');
    expect(() => run('{{.Nope}}', ctx)).toThrow('template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext');
  });

  it('reports missing map keys when asked to (docker inspect), else prints <no value>', () => {
    expect(() => run('{{.Config.Entrypoint}}|{{.NoSuch}}', inspect, { missingKey: 'error' })).toThrow('map has no entry for key "Entrypoint"');
    expect(run('{{.NoSuch}}', inspect)).toBe('<no value>');
    expect(() => run('{{.Nope.X}}', inspect, { missingKey: 'error' })).toThrow('template: :1:7: executing "" at <.Nope.X>: map has no entry for key "Nope"');
  });

  it('rejects bad syntax with Go messages', () => {
    expect(() => new GoTemplate('{{.State.Status')).toThrow(TemplateError);
    expect(() => new GoTemplate('{{.State.Status')).toThrow('template: :1: unclosed action');
    expect(() => new GoTemplate('{{nofunc .}}')).toThrow('function "nofunc" not defined');
    expect(() => new GoTemplate('{{if .X}}a')).toThrow('unexpected EOF');
  });

  it('fails on wrongly typed function arguments like docker', () => {
    expect(() => run('{{join .Name ","}}', inspect)).toThrow('wrong type for value; expected []string; got string');
  });
});

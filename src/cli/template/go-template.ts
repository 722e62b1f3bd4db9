// A small Go text/template engine for --format: fields and methods, pipelines, variables,
// if/else/with/range, and the functions of funcs.ts. Contexts (objects marked with GO_TYPE)
// resolve fields by calling methods; plain objects behave like Go maps.
import type { Arg, Command, ControlNode, Node, Pipe } from './ast.js';
import { builtinFuncs, goType, type FuncMap } from './funcs.js';
import { GO_TYPE, isContext, printValue, truthy } from './go-value.js';
import { parseTemplate } from './parser.js';
import { position, TemplateError } from './template-error.js';

/** Options of a template. */
export interface TemplateOptions {
  /** Extra or overriding functions. */
  funcs?: FuncMap;
  /** `error`: a missing map key fails ("map has no entry for key"), like docker inspect. */
  missingKey?: 'zero' | 'error';
}

class BreakSignal { constructor(readonly kind: 'break' | 'continue') {} }

interface Scope { name: string; value: unknown }

/** A parsed template, executable many times. */
export class GoTemplate {
  private readonly nodes: Node[];
  private readonly funcs: FuncMap;

  /** Parses `source`; throws TemplateError with Go's wording on syntax errors. */
  constructor(readonly source: string, private readonly opts: TemplateOptions = {}) {
    this.funcs = { ...builtinFuncs, ...opts.funcs };
    this.nodes = parseTemplate(source);
    this.checkFunctions(this.nodes);
  }

  /** Runs the template on `data` and returns the text. */
  execute(data: unknown): string {
    const out: string[] = [];
    const vars: Scope[] = [{ name: '$', value: data }];
    this.walkList(this.nodes, data, vars, out);
    return out.join('');
  }

  private checkFunctions(nodes: Node[]): void {
    const checkPipe = (p: Pipe) => {
      for (const c of p.cmds) for (const a of c.args) {
        if (a.t === 'ident' && !(a.name in this.funcs)) {
          throw new TemplateError(`template: :${position(this.source, a.pos).split(':')[0]}: function "${a.name}" not defined`);
        }
        if (a.t === 'pipe') checkPipe(a.pipe);
      }
    };
    for (const n of nodes) {
      if (n.t === 'action') checkPipe(n.pipe);
      else if (n.t === 'if' || n.t === 'with' || n.t === 'range') {
        checkPipe(n.pipe);
        this.checkFunctions(n.list);
        if (n.elseList) this.checkFunctions(n.elseList);
      }
    }
  }

  private fail(pos: number, text: string, msg: string): never {
    throw new TemplateError(`template: :${position(this.source, pos)}: executing "" at <${text}>: ${msg}`);
  }

  private walkList(nodes: Node[], dot: unknown, vars: Scope[], out: string[]): void {
    for (const node of nodes) this.walk(node, dot, vars, out);
  }

  private walk(node: Node, dot: unknown, vars: Scope[], out: string[]): void {
    switch (node.t) {
      case 'text': out.push(node.text); return;
      case 'action': {
        const v = this.evalPipe(node.pipe, dot, vars);
        if (node.pipe.decl.length === 0) out.push(printValue(v));
        return;
      }
      case 'if': case 'with': {
        const mark = vars.length;
        const v = this.evalPipe(node.pipe, dot, vars);
        if (truthy(v)) this.walkList(node.list, node.t === 'with' ? v : dot, vars, out);
        else if (node.elseList) this.walkList(node.elseList, dot, vars, out);
        vars.length = mark;
        return;
      }
      case 'range': return this.walkRange(node, dot, vars, out);
      case 'break': case 'continue': throw new BreakSignal(node.t);
    }
  }

  private walkRange(node: ControlNode, dot: unknown, vars: Scope[], out: string[]): void {
    const mark = vars.length;
    const pipe = { ...node.pipe, decl: [] as string[] };
    const v = this.evalPipe(pipe, dot, vars);
    let entries: [unknown, unknown][];
    if (Array.isArray(v)) entries = v.map((x, i) => [i, x]);
    else if (typeof v === 'number' && Number.isInteger(v)) entries = Array.from({ length: Math.max(0, v) }, (_, i) => [i, i]);
    else if (v === null || v === undefined) entries = [];
    else if (typeof v === 'object' && !isContext(v)) entries = Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]);
    else this.fail(node.pipe.pos, 'range', `range can't iterate over ${printValue(v)}`);
    if (entries.length === 0) {
      if (node.elseList) this.walkList(node.elseList, dot, vars, out);
      return;
    }
    for (const [key, elem] of entries) {
      vars.length = mark;
      const decl = node.pipe.decl;
      if (decl.length === 1) vars.push({ name: decl[0], value: elem });
      else if (decl.length === 2) { vars.push({ name: decl[0], value: key }); vars.push({ name: decl[1], value: elem }); }
      try {
        this.walkList(node.list, elem, vars, out);
      } catch (e) {
        if (!(e instanceof BreakSignal)) throw e;
        if (e.kind === 'break') break;
      }
    }
    vars.length = mark;
  }

  private evalPipe(pipe: Pipe, dot: unknown, vars: Scope[]): unknown {
    let value: unknown = undefined;
    let hasFinal = false;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(cmd, dot, vars, hasFinal ? { value } : undefined);
      hasFinal = true;
    }
    for (const name of pipe.decl) {
      if (pipe.assign) {
        const scope = [...vars].reverse().find((s) => s.name === name);
        if (!scope) this.fail(pipe.pos, name, `undefined variable: ${name}`);
        scope.value = value;
      } else vars.push({ name, value });
    }
    return value;
  }

  private evalCommand(cmd: Command, dot: unknown, vars: Scope[], final?: { value: unknown }): unknown {
    const [first, ...rest] = cmd.args;
    switch (first.t) {
      case 'field': return this.evalChain(dot, first.names, rest, dot, vars, final, first);
      case 'var': {
        const scope = [...vars].reverse().find((s) => s.name === first.name);
        if (!scope) this.fail(first.pos, first.text, `undefined variable: ${first.name}`);
        if (first.names.length === 0) { this.noArgs(first, rest, final); return scope.value; }
        return this.evalChain(scope.value, first.names, rest, dot, vars, final, first);
      }
      case 'pipe': {
        const v = this.evalPipe(first.pipe, dot, vars);
        if (first.names.length === 0) { this.noArgs(first, rest, final); return v; }
        return this.evalChain(v, first.names, rest, dot, vars, final, first);
      }
      case 'ident': {
        const fn = this.funcs[first.name];
        const args = rest.map((a) => this.evalArg(a, dot, vars));
        if (final) args.push(final.value);
        try {
          return fn(...args);
        } catch (e) {
          if (e instanceof TemplateError) throw e;
          const msg = (e as Error).message;
          this.fail(first.pos, first.text, msg.startsWith('error calling') || msg.startsWith('wrong') ? msg : `error calling ${first.name}: ${msg}`);
        }
      }
      // falls through (unreachable: fail throws)
      default:
        this.noArgs(first, rest, final);
        return this.evalArg(first, dot, vars);
    }
  }

  private noArgs(first: Arg, rest: Arg[], final?: { value: unknown }): void {
    if (rest.length > 0 || final) this.fail(first.pos, first.text, `can't give argument to non-function ${first.text}`);
  }

  private evalArg(arg: Arg, dot: unknown, vars: Scope[]): unknown {
    switch (arg.t) {
      case 'dot': return dot;
      case 'string': return arg.value;
      case 'number': return arg.value;
      case 'bool': return arg.value;
      case 'nil': return null;
      case 'field': return this.evalChain(dot, arg.names, [], dot, vars, undefined, arg);
      case 'var': case 'pipe': case 'ident':
        return this.evalCommand({ args: [arg], pos: arg.pos }, dot, vars);
    }
  }

  private evalChain(receiver: unknown, names: string[], args: Arg[], dot: unknown, vars: Scope[], final: { value: unknown } | undefined, node: Arg): unknown {
    let v = receiver;
    names.forEach((name, i) => {
      const last = i === names.length - 1;
      v = this.evalField(v, name, last ? args : [], dot, vars, last ? final : undefined, node);
    });
    return v;
  }

  private evalField(receiver: unknown, name: string, args: Arg[], dot: unknown, vars: Scope[], final: { value: unknown } | undefined, node: Arg): unknown {
    if (isContext(receiver)) {
      const member = receiver[name];
      if (typeof member === 'function') {
        const argv = args.map((a) => this.evalArg(a, dot, vars));
        if (final) argv.push(final.value);
        if (!(member as { variadic?: boolean }).variadic && argv.length !== member.length) {
          this.fail(node.pos, node.text, `wrong number of args for ${name}: want ${member.length} got ${argv.length}`);
        }
        try {
          return (member as (...a: unknown[]) => unknown).apply(receiver, argv);
        } catch (e) {
          this.fail(node.pos, node.text, `error calling ${name}: ${(e as Error).message}`);
        }
      }
      this.fail(node.pos, node.text, `can't evaluate field ${name} in type ${receiver[GO_TYPE]}`);
    }
    const hasArgs = args.length > 0 || final !== undefined;
    if (receiver !== null && typeof receiver === 'object' && !Array.isArray(receiver)) {
      if (hasArgs) this.fail(node.pos, node.text, `${name} is not a method but has arguments`);
      const map = receiver as Record<string, unknown>;
      if (Object.prototype.hasOwnProperty.call(map, name)) return map[name];
      if (this.opts.missingKey === 'error') this.fail(node.pos, node.text, `map has no entry for key "${name}"`);
      return undefined;
    }
    if (receiver === null || receiver === undefined) {
      this.fail(node.pos, node.text, `nil pointer evaluating interface {}.${name}`);
    }
    this.fail(node.pos, node.text, `can't evaluate field ${name} in type ${goType(receiver)}`);
  }
}

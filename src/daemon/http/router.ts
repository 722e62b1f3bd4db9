// Path router with moby-style patterns: `{id}` matches one segment, `{name:.*}` matches any
// text including "/" (image names like myrepo/alpine:v1). First registered match wins.

import type { Route } from './context.js';

interface CompiledRoute {
  route: Route;
  regex: RegExp;
  names: string[];
}

/** A route match with decoded path parameters. */
export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Table of routes, matched by method and path. */
export class Router {
  private readonly compiled: CompiledRoute[] = [];

  /** Adds routes in order (earlier ones win when several match). */
  add(...routes: Route[]): void {
    for (const route of routes) {
      const names: string[] = [];
      const source = route.pattern.replace(/[.*+?^$()|[\]\\]|\{([a-zA-Z]+)(:\.\*)?\}/g, (m, name?: string, any?: string) => {
        if (!name) return `\\${m}`;
        names.push(name);
        return any ? '(.+)' : '([^/]+)';
      });
      this.compiled.push({ route, regex: new RegExp(`^${source}$`), names });
    }
  }

  /** The route for `method` and `path` (HEAD falls back to GET routes), or undefined. */
  match(method: string, path: string): RouteMatch | undefined {
    const tryMethod = (m: string): RouteMatch | undefined => {
      for (const c of this.compiled) {
        if (c.route.method !== m) continue;
        const found = c.regex.exec(path);
        if (!found) continue;
        const params: Record<string, string> = {};
        c.names.forEach((n, i) => {
          try { params[n] = decodeURIComponent(found[i + 1]); } catch { params[n] = found[i + 1]; }
        });
        return { route: c.route, params };
      }
      return undefined;
    };
    return tryMethod(method) ?? (method === 'HEAD' ? tryMethod('GET') : undefined);
  }
}

import type { Random } from '../random.js';

/**
 * Slot templates: `{name}` draws from the vocabulary's pool `name` (itself a template), `{a|b|c}`
 * picks one literal alternative, `{^name}` capitalises the first letter, and `{~name}` draws afresh
 * where `{name}` reuses the ticket's earlier value, so a title and its description name the same
 * store, system or feature.
 *
 * Alongside each text the writer keeps its *work identity*: the same text with measurement slots
 * (counts, sizes, times) left unfilled, so "missing logs for 4 days" and "missing logs for 5 days"
 * about the same archive name the same work while "for HR" and "for marketing" do not.
 */

/** A pool of templates, or a function drawing a value (numbers, ids). */
export type Pool = readonly string[] | ((rng: Random) => string);
export type Vocabulary = Readonly<Record<string, Pool>>;

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'slot'; name: string; fresh: boolean; capitalise: boolean }
  | { kind: 'choice'; options: string[]; capitalise: boolean };

const compiled = new Map<string, Part[]>();
const SLOT = /\{([^{}]+)\}/g;

function compile(template: string): Part[] {
  const cached = compiled.get(template);
  if (cached) return cached;
  const parts: Part[] = [];
  let last = 0;
  for (const m of template.matchAll(SLOT)) {
    if (m.index > last) parts.push({ kind: 'text', text: template.slice(last, m.index) });
    let body = m[1]!;
    const capitalise = body.startsWith('^');
    if (capitalise) body = body.slice(1);
    if (body.includes('|')) {
      parts.push({ kind: 'choice', options: body.split('|'), capitalise });
    } else {
      const fresh = body.startsWith('~');
      parts.push({ kind: 'slot', name: fresh ? body.slice(1) : body, fresh, capitalise });
    }
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ kind: 'text', text: template.slice(last) });
  compiled.set(template, parts);
  return parts;
}

/** Slots that measure (how many, how long, when) rather than name what the work is about. */
const MEASURES: ReadonlySet<string> = new Set(['small', 'count', 'percent', 'minutes', 'clock']);

interface Rendered {
  text: string;
  identity: string;
}

const upperFirst = (s: string): string => (s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1));

/** Fills templates for one ticket at a time from layered vocabularies (first layer wins). */
export class Writer {
  private readonly bound = new Map<string, string>();
  private readonly identities = new Map<string, string>();
  private layers: readonly Vocabulary[] = [];

  private readonly rng: Random;

  constructor(rng: Random) {
    this.rng = rng;
  }

  /** Starts a new ticket: forgets earlier values, takes `layers` and optional fixed values. */
  begin(layers: readonly Vocabulary[], fixed?: Readonly<Record<string, string>>): void {
    this.layers = layers;
    this.bound.clear();
    this.identities.clear();
    if (fixed) {
      for (const [k, v] of Object.entries(fixed)) {
        this.bound.set(k, v);
        this.identities.set(k, v);
      }
    }
  }

  /** The value the ticket holds for slot `name`, drawing one if it has none yet. */
  value(name: string): string {
    return this.bound.has(name) ? (this.bound.get(name) as string) : this.bind(name).text;
  }

  /** Values drawn so far for the current ticket (to hand on to a related ticket). */
  bindings(names: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const n of names) {
      const v = this.bound.get(n);
      if (v !== undefined) out[n] = v;
    }
    return out;
  }

  /** Whether the current ticket already holds a value for slot `name`. */
  isBound(name: string): boolean {
    return this.bound.has(name);
  }

  fill(template: string): string {
    return this.render(template).text;
  }

  /**
   * The work identity of `template` once filled: lower case, measurements left as `{slot}`. Every
   * slot it names must already be bound (fill the text first); inline alternatives are not allowed.
   */
  identity(template: string): string {
    let out = '';
    for (const part of compile(template)) {
      if (part.kind === 'text') out += part.text;
      else if (part.kind === 'slot' && !part.fresh && this.identities.has(part.name))
        out += this.identities.get(part.name) as string;
      else
        throw new RangeError(
          `the identity of "${template}" needs "${part.kind === 'slot' ? part.name : 'an alternative'}" bound`,
        );
    }
    return normalise(out);
  }

  /** Like `fill`, with the filled text's work identity. */
  fillWithIdentity(template: string): Rendered {
    const rendered = this.render(template);
    return { text: rendered.text, identity: normalise(rendered.identity) };
  }

  /** Fills one template drawn from pool `name` (not bound: each call may differ). */
  fillFrom(name: string): string {
    return this.draw(name).text;
  }

  /** Like `fillFrom`, with the filled text's work identity. */
  fillFromWithIdentity(name: string): Rendered {
    const drawn = this.draw(name);
    return { text: drawn.text, identity: normalise(drawn.identity) };
  }

  /** Fills `count` distinct templates of pool `name`. */
  fillDistinct(name: string, count: number): string[] {
    const pool = this.pool(name);
    if (typeof pool === 'function') return Array.from({ length: count }, () => pool(this.rng));
    return this.rng.sample(pool, count).map((t) => this.fill(t));
  }

  private bind(name: string): Rendered {
    const drawn = this.draw(name);
    this.bound.set(name, drawn.text);
    this.identities.set(name, drawn.identity);
    return drawn;
  }

  private render(template: string): Rendered {
    let text = '';
    let identity = '';
    for (const part of compile(template)) {
      if (part.kind === 'text') {
        text += part.text;
        identity += part.text;
      } else if (part.kind === 'choice') {
        const v = this.rng.pick(part.options);
        text += part.capitalise ? upperFirst(v) : v;
        identity += v;
      } else {
        const known = this.bound.get(part.name);
        const v =
          part.fresh || known === undefined
            ? part.fresh
              ? this.draw(part.name)
              : this.bind(part.name)
            : { text: known, identity: this.identities.get(part.name) as string };
        text += part.capitalise ? upperFirst(v.text) : v.text;
        identity += v.identity;
      }
    }
    return { text, identity };
  }

  private pool(name: string): Pool {
    for (const layer of this.layers) {
      const pool = layer[name];
      if (pool !== undefined) return pool;
    }
    throw new RangeError(`no vocabulary names the slot "${name}"`);
  }

  private draw(name: string): Rendered {
    const pool = this.pool(name);
    if (typeof pool !== 'function') return this.render(this.rng.pick(pool));
    const text = pool(this.rng);
    return { text, identity: MEASURES.has(name) ? `{${name}}` : text };
  }
}

function normalise(identity: string): string {
  return identity.toLowerCase().replace(/\s+/g, ' ').trim();
}

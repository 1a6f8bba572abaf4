/**
 * CIF syntax: text → data blocks of tagged values and loops, for CIF 1.1 and CIF 2.0.
 * Strict tokenizer first, meaning later (read.ts): every error names the line and what was expected.
 */
import { MAX_CIF_NESTING_DEPTH } from '../input-limits';

/** The unquoted placeholder `.` (inapplicable: the item's default, where it has one). */
export const INAPPLICABLE: unique symbol = Symbol('.');

/** A value as written: text, null for the unquoted placeholder `?` (unknown), INAPPLICABLE for `.`,
 *  or a CIF 2.0 list or table. */
export type CifValue = string | null | typeof INAPPLICABLE | CifValue[] | { readonly [key: string]: CifValue };

export interface CifItem {
  /** The tag as written (case kept); lookups use the lower-cased tag. */
  readonly tag: string;
  readonly values: CifValue[];
  /** Line of each value (1-based). */
  readonly lines: number[];
  /** Items of one loop share an id; -1 for a single value. */
  readonly loop: number;
}

export interface CifBlock {
  name: string;
  readonly line: number;
  /** Keyed by lower-cased tag. */
  readonly items: Map<string, CifItem>;
  /** Problems that spoil the block: reading it as a crystal must fail with this message. */
  error?: string;
  readonly warnings: string[];
}

export interface CifDocument {
  readonly version: '1.1' | '2.0';
  readonly blocks: CifBlock[];
  /** A syntax problem outside any block, or one that ended the reading early. */
  readonly errors: string[];
}

export class CifSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const enum Kind {
  Data,
  Loop,
  Save,
  Global,
  Stop,
  Tag,
  Value,
  End,
}

interface Token {
  kind: Kind;
  /** Tag text, block name, or the value. */
  value: CifValue;
  line: number;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;
const SQUOTE = 39;
const DQUOTE = 34;
const SEMI = 59;
const UNDERSCORE = 95;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const COLON = 58;
const CTRL_Z = 26;

function isSpace(ch: number): boolean {
  return ch === SPACE || ch === TAB || ch === LF || ch === CR || ch === CTRL_Z || ch === 11 || ch === 12;
}

class Tokenizer {
  private pos = 0;
  private line = 1;
  /** Lists and tables open around the current position (CIF 2.0), bounded by MAX_CIF_NESTING_DEPTH. */
  private depth = 0;
  private readonly n: number;

  constructor(
    private readonly text: string,
    private readonly cif2: boolean,
  ) {
    this.n = text.length;
  }

  /** Skips whitespace and comments. */
  private skip(): void {
    const t = this.text;
    while (this.pos < this.n) {
      const ch = t.charCodeAt(this.pos);
      if (ch === LF) {
        this.line++;
        this.pos++;
      } else if (isSpace(ch)) {
        this.pos++;
      } else if (ch === HASH) {
        while (this.pos < this.n && t.charCodeAt(this.pos) !== LF) this.pos++;
      } else {
        return;
      }
    }
  }

  next(): Token {
    this.skip();
    if (this.pos >= this.n) return { kind: Kind.End, value: null, line: this.line };
    const t = this.text;
    const ch = t.charCodeAt(this.pos);
    const line = this.line;
    const atLineStart = this.pos === 0 || t.charCodeAt(this.pos - 1) === LF;
    if (ch === SEMI && atLineStart) return { kind: Kind.Value, value: this.textField(), line };
    if (ch === SQUOTE || ch === DQUOTE) return { kind: Kind.Value, value: this.quoted(ch), line };
    if (this.cif2 && ch === LBRACKET) return { kind: Kind.Value, value: this.list(), line };
    if (this.cif2 && ch === LBRACE) return { kind: Kind.Value, value: this.table(), line };
    if (this.cif2 && (ch === RBRACKET || ch === RBRACE)) {
      throw new CifSyntaxError(`'${String.fromCharCode(ch)}' closes a list or table that was never opened`, line);
    }
    const word = this.bare();
    if (ch === UNDERSCORE) return { kind: Kind.Tag, value: word, line };
    const lower = word.length <= 7 || word.charCodeAt(4) === UNDERSCORE ? word.toLowerCase() : '';
    if (lower.startsWith('data_')) return { kind: Kind.Data, value: word.slice(5), line };
    if (lower.startsWith('save_')) return { kind: word.length === 5 ? Kind.Stop : Kind.Save, value: word.slice(5), line };
    if (lower === 'loop_') return { kind: Kind.Loop, value: null, line };
    if (lower === 'global_') return { kind: Kind.Global, value: null, line };
    if (lower === 'stop_') return { kind: Kind.Stop, value: null, line };
    if (word === '?') return { kind: Kind.Value, value: null, line };
    if (word === '.') return { kind: Kind.Value, value: INAPPLICABLE, line };
    return { kind: Kind.Value, value: word, line };
  }

  /** An unquoted run of characters up to whitespace (and, in CIF 2.0, up to a list or table delimiter). */
  private bare(): string {
    const t = this.text;
    const start = this.pos;
    while (this.pos < this.n) {
      const ch = t.charCodeAt(this.pos);
      if (isSpace(ch)) break;
      if (this.cif2 && (ch === LBRACKET || ch === RBRACKET || ch === LBRACE || ch === RBRACE)) break;
      this.pos++;
    }
    return t.slice(start, this.pos);
  }

  private quoted(quote: number): string {
    const t = this.text;
    const line = this.line;
    if (this.cif2 && t.charCodeAt(this.pos + 1) === quote && t.charCodeAt(this.pos + 2) === quote) {
      const delim = t.slice(this.pos, this.pos + 3);
      const end = t.indexOf(delim, this.pos + 3);
      if (end < 0) throw new CifSyntaxError(`unterminated triple-quoted string`, line);
      const value = t.slice(this.pos + 3, end);
      this.countLines(this.pos, end + 3);
      this.pos = end + 3;
      return value;
    }
    const start = this.pos + 1;
    let i = start;
    while (i < this.n) {
      const ch = t.charCodeAt(i);
      if (ch === LF || ch === CR) throw new CifSyntaxError(`unterminated quoted string`, line);
      // CIF 1.1: a quote ends the string only when whitespace follows; CIF 2.0: any matching quote ends it.
      if (ch === quote && (this.cif2 || i + 1 >= this.n || isSpace(t.charCodeAt(i + 1)))) {
        this.pos = i + 1;
        return t.slice(start, i);
      }
      i++;
    }
    throw new CifSyntaxError(`unterminated quoted string`, line);
  }

  private textField(): string {
    const t = this.text;
    const line = this.line;
    let end = t.indexOf('\n;', this.pos);
    if (end < 0) throw new CifSyntaxError(`text field opened with ';' is never closed`, line);
    let value = t.slice(this.pos + 1, end);
    if (value.endsWith('\r')) value = value.slice(0, -1);
    this.countLines(this.pos, end + 1);
    end += 2;
    this.pos = end;
    return value;
  }

  private countLines(from: number, to: number): void {
    const t = this.text;
    for (let i = from; i < to; i++) if (t.charCodeAt(i) === LF) this.line++;
  }

  private list(): CifValue[] {
    const line = this.line;
    this.enter(line);
    this.pos++;
    const values: CifValue[] = [];
    for (;;) {
      this.skip();
      if (this.pos >= this.n) throw new CifSyntaxError(`list opened with '[' is never closed`, line);
      if (this.text.charCodeAt(this.pos) === RBRACKET) {
        this.pos++;
        this.depth--;
        return values;
      }
      values.push(this.nestedValue(line));
    }
  }

  private table(): { [key: string]: CifValue } {
    const line = this.line;
    this.enter(line);
    this.pos++;
    const table: { [key: string]: CifValue } = {};
    for (;;) {
      this.skip();
      if (this.pos >= this.n) throw new CifSyntaxError(`table opened with '{' is never closed`, line);
      const ch = this.text.charCodeAt(this.pos);
      if (ch === RBRACE) {
        this.pos++;
        this.depth--;
        return table;
      }
      if (ch !== SQUOTE && ch !== DQUOTE) throw new CifSyntaxError(`expected a quoted key in a table`, this.line);
      const key = this.quoted(ch);
      if (this.text.charCodeAt(this.pos) !== COLON) throw new CifSyntaxError(`expected ':' after table key '${key}'`, this.line);
      this.pos++;
      this.skip();
      table[key] = this.nestedValue(line);
    }
  }

  /** Opens one more list or table; a syntax error past the depth bound (reading them recurses). */
  private enter(line: number): void {
    if (++this.depth > MAX_CIF_NESTING_DEPTH) {
      throw new CifSyntaxError(`lists and tables nested more than ${MAX_CIF_NESTING_DEPTH} deep`, line);
    }
  }

  private nestedValue(openedAt: number): CifValue {
    const tok = this.next();
    if (tok.kind !== Kind.Value) throw new CifSyntaxError(`expected a value inside the list or table opened at line ${openedAt}`, tok.line);
    return tok.value;
  }
}

/** Splits CIF text into data blocks. Never throws: syntax problems become block or document errors. */
export function parseCif(text: string): CifDocument {
  const cif2 = /^#\\#CIF_2\.0[ \t]*(\r?\n|$)/.test(text);
  const tokenizer = new Tokenizer(text, cif2);
  const blocks: CifBlock[] = [];
  const errors: string[] = [];
  let block: CifBlock | undefined;
  let loopCount = 0;
  let inSaveFrame = false;
  let pending: Token | undefined;

  const fail = (message: string) => {
    if (block) block.error ??= message;
    else errors.push(message);
  };
  const read = (): Token => {
    if (pending) {
      const t = pending;
      pending = undefined;
      return t;
    }
    return tokenizer.next();
  };

  try {
    for (;;) {
      const tok = read();
      if (tok.kind === Kind.End) break;
      if (tok.kind === Kind.Data) {
        block = { name: tok.value as string, line: tok.line, items: new Map(), warnings: [] };
        blocks.push(block);
        // Some journal CIFs put spaces in block names ("data_W-Pd-Se cluster"): keep the words, and say so.
        let rest = read();
        while (rest.kind === Kind.Value && rest.line === tok.line && typeof rest.value === 'string') {
          block.name += ` ${rest.value}`;
          rest = read();
        }
        if (block.name !== tok.value) block.warnings.push(`line ${tok.line}: the data block name '${block.name}' contains spaces`);
        pending = rest;
        inSaveFrame = false;
        continue;
      }
      if (!block) {
        fail(`line ${tok.line}: ${describe(tok)} before the first data_ block`);
        continue;
      }
      if (tok.kind === Kind.Save) {
        inSaveFrame = true;
        continue;
      }
      if (tok.kind === Kind.Stop) {
        inSaveFrame = false;
        continue;
      }
      if (inSaveFrame) continue; // save frames hold dictionary definitions, not crystal data
      if (tok.kind === Kind.Tag) {
        const valueTok = read();
        if (valueTok.kind !== Kind.Value) {
          fail(`line ${tok.line}: tag ${cifValueText(tok.value)} has no value`);
          pending = valueTok;
          continue;
        }
        addItem(block, { tag: tok.value as string, values: [valueTok.value], lines: [valueTok.line], loop: -1 }, tok.line);
        continue;
      }
      if (tok.kind === Kind.Loop) {
        const loop = loopCount++;
        const items: CifItem[] = [];
        let t = read();
        while (t.kind === Kind.Tag) {
          items.push({ tag: t.value as string, values: [], lines: [], loop });
          t = read();
        }
        if (items.length === 0) {
          fail(`line ${tok.line}: loop_ without tags`);
          pending = t;
          continue;
        }
        let count = 0;
        while (t.kind === Kind.Value) {
          const item = items[count % items.length]!;
          item.values.push(t.value);
          item.lines.push(t.line);
          count++;
          t = read();
        }
        pending = t;
        if (count % items.length !== 0) {
          fail(`line ${tok.line}: loop of ${items.length} tags (${items[0]!.tag}, …) holds ${count} values, not a multiple of ${items.length}`);
        }
        for (const item of items) addItem(block, item, tok.line);
        continue;
      }
      if (tok.kind === Kind.Global) {
        fail(`line ${tok.line}: global_ blocks are not allowed in CIF`);
        continue;
      }
      fail(`line ${tok.line}: unexpected value ${JSON.stringify(truncate(tok.value))} without a tag`);
    }
  } catch (e) {
    if (!(e instanceof CifSyntaxError)) throw e;
    fail(e.message);
  }
  return { version: cif2 ? '2.0' : '1.1', blocks, errors };
}

function addItem(block: CifBlock, item: CifItem, line: number): void {
  const key = item.tag.toLowerCase();
  if (block.items.has(key)) {
    block.warnings.push(`line ${line}: tag ${item.tag} appears twice; the first value is kept`);
    return;
  }
  block.items.set(key, item);
}

function describe(tok: Token): string {
  switch (tok.kind) {
    case Kind.Tag:
      return `tag ${cifValueText(tok.value)}`;
    case Kind.Loop:
      return 'loop_';
    default:
      return `value ${JSON.stringify(truncate(tok.value))}`;
  }
}

/** A value as CIF writes it: `?` unknown, `.` inapplicable, a CIF 2 list or table as JSON (String() would say [object Object]). */
export function cifValueText(v: CifValue): string {
  return typeof v === 'string' ? v : v === null ? '?' : v === INAPPLICABLE ? '.' : JSON.stringify(v);
}

function truncate(v: CifValue): string {
  const s = cifValueText(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

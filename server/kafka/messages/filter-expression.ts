// A search's filter: a CEL expression (the language kafbat kafka-ui's smart filters and
// Kubernetes use), compiled once and tested against each record as the scan reads it.
// CEL has no loops, no I/O and nothing but the variables bound here, so an expression can
// only read the record in hand. What bounds its cost:
// - its size (the contract) and its nesting, checked before the parser (which recurses) sees it;
// - names: anything but the record's variables is refused before any record is read;
// - the evaluation itself runs under node:vm's watchdog, which interrupts it mid-record
//   (a macro over a large list inside another is quadratic), see RecordFilter.test.
import vm from 'node:vm';
import { celEnv, isCelError, parse, plan } from '@bufbuild/cel';
import { SEARCH_CAPS, type ExpressionErrorDetail } from '../../../lib/contract/search';
import type { Record as KafkaRecord } from '../../protocol/record-batch';
import { Refusal } from '../errors';
import { recordBytes } from './browse';

/** The variables an expression sees (documented in the README's search section). */
export const RECORD_VARIABLES = ['key', 'value', 'headers', 'partition', 'offset', 'timestamp', 'size'] as const;

/** Type names CEL lets an expression use as values (`type(value.x) == string`). */
const TYPE_NAMES = new Set(['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'null_type', 'type', 'dyn']);

/** How deep the parsed tree may go (a chain of 500 `+` is 500 deep; brackets are capped before parsing). */
const TREE_DEPTH_MAX = 200;

export const EXPRESSION_INVALID = 'EXPRESSION_INVALID';

function refuse(message: string, at: ExpressionErrorDetail | null): never {
  throw new Refusal('invalid', EXPRESSION_INVALID, message, at ? { position: at } : {});
}

/** Line and column (from 1) of a character offset. */
function positionOf(text: string, offset: number): ExpressionErrorDetail {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1, offset };
}

/**
 * The deepest nesting of ( [ { outside string literals, and where it first passes `max`.
 * Counted here because the parser recurses per level and would overflow the stack first.
 */
export function bracketDepth(text: string, max: number): { depth: number; over: number | null } {
  let depth = 0;
  let deepest = 0;
  let over: number | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      // r'…' and R"…" are raw: a backslash is just a backslash there
      const raw = /[rR]/.test(text[i - 1] ?? '') || (/[bB]/.test(text[i - 1] ?? '') && /[rR]/.test(text[i - 2] ?? ''));
      const quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += quote.length;
      while (i < text.length && !text.startsWith(quote, i)) i += !raw && text[i] === '\\' ? 2 : 1;
      i += quote.length - 1;
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
      if (depth > deepest) deepest = depth;
      if (depth > max && over === null) over = i;
    } else if (c === ')' || c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return { depth: deepest, over };
}

type Expr = ReturnType<typeof parse>['expr'];

const env = celEnv();

/** Refuses names that are not the record's variables (or a macro's own) or CEL's functions, and trees too deep to walk safely. */
function checkTree(root: Expr, positions: Record<string, number>, text: string): void {
  const walk = (e: Expr | undefined, scope: ReadonlySet<string>, depth: number): void => {
    if (!e) return;
    if (depth > TREE_DEPTH_MAX) refuse(`The expression is nested more than ${TREE_DEPTH_MAX} operations deep.`, positionOf(text, positions[String(e.id)] ?? 0));
    const k = e.exprKind;
    switch (k.case) {
      case 'identExpr':
        if (!scope.has(k.value.name) && !TYPE_NAMES.has(k.value.name)) {
          refuse(`Unknown name '${k.value.name}': an expression can use ${RECORD_VARIABLES.join(', ')}.`, positionOf(text, positions[String(e.id)] ?? 0));
        }
        return;
      case 'selectExpr':
        return walk(k.value.operand, scope, depth + 1);
      case 'callExpr':
        // operators (_+_, @in, …) are CEL's own; any other name must be a function it has
        if (!/^[_@]/.test(k.value.function) && !env.funcs.find(k.value.function)) {
          refuse(`Unknown function '${k.value.function}'.`, positionOf(text, positions[String(e.id)] ?? 0));
        }
        walk(k.value.target, scope, depth + 1);
        for (const a of k.value.args) walk(a, scope, depth + 1);
        return;
      case 'listExpr':
        for (const a of k.value.elements) walk(a, scope, depth + 1);
        return;
      case 'structExpr':
        for (const en of k.value.entries) {
          if (en.keyKind.case === 'mapKey') walk(en.keyKind.value, scope, depth + 1);
          walk(en.value, scope, depth + 1);
        }
        return;
      case 'comprehensionExpr': {
        const c = k.value;
        walk(c.iterRange, scope, depth + 1);
        walk(c.accuInit, scope, depth + 1);
        const inner = new Set(scope);
        for (const v of [c.iterVar, c.iterVar2, c.accuVar]) if (v) inner.add(v);
        walk(c.loopCondition, inner, depth + 1);
        walk(c.loopStep, inner, depth + 1);
        walk(c.result, inner, depth + 1);
        return;
      }
      default:
        return;
    }
  };
  walk(root, new Set(RECORD_VARIABLES), 0);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text when the bytes are UTF-8, else the bytes themselves (CEL's bytes type). */
function textOrBytes(b: Buffer): string | Uint8Array {
  try {
    return utf8.decode(b);
  } catch {
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
  }
}

/** What the expression sees of a record. `value` is parsed when it is JSON, so `value.amount` reads a field. */
export function recordVariables(partition: number, r: KafkaRecord): Record<string, unknown> {
  let value: unknown = null;
  if (r.value !== null) {
    const v = textOrBytes(r.value);
    value = v;
    if (typeof v === 'string') {
      const t = v.trimStart();
      // only what looks like JSON is parsed: a plain word stays a string
      if (t[0] === '{' || t[0] === '[' || t[0] === '"' || /^-?\d/.test(t) || t === 'true' || t === 'false' || t === 'null') {
        try {
          value = JSON.parse(v);
        } catch {
          // not JSON after all: the text
        }
      }
    }
  }
  const headers = new Map<string, string | Uint8Array | null>();
  for (const h of r.headers) {
    if (!headers.has(h.key)) headers.set(h.key, h.value === null ? null : textOrBytes(h.value)); // the first of repeated keys
  }
  return {
    key: r.key === null ? null : textOrBytes(r.key),
    value,
    headers,
    partition: BigInt(partition),
    offset: BigInt(r.offset),
    timestamp: BigInt(r.timestamp),
    size: BigInt(recordBytes(r)),
  };
}

export interface TestOutcome {
  /** Index (in the batch) of each record that matched. */
  matched: number[];
  /** How many records of the batch were tested (all of them unless the watchdog fired). */
  tested: number;
  /** The watchdog fired: the batch took longer than it was given. */
  interrupted: boolean;
  /** Records whose test failed (a missing field, a type mismatch) or gave no boolean: not matches. */
  problems: number;
  firstProblem: string | null;
}

/** A compiled expression. Empty text matches every record. */
export class RecordFilter {
  private readonly evaluate: ((vars: Record<string, unknown>) => unknown) | null;
  private readonly context = vm.createContext(Object.create(null));
  private readonly script = new vm.Script('go()');

  constructor(readonly text: string) {
    if (text.length > SEARCH_CAPS.expressionChars) refuse(`The expression is ${text.length} characters long; at most ${SEARCH_CAPS.expressionChars} are allowed.`, null);
    if (text.trim() === '') {
      this.evaluate = null;
      return;
    }
    const nesting = bracketDepth(text, SEARCH_CAPS.nesting);
    if (nesting.over !== null) refuse(`The expression nests brackets ${nesting.depth} deep; at most ${SEARCH_CAPS.nesting} are allowed.`, positionOf(text, nesting.over));
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(text);
    } catch (e) {
      if (e instanceof RangeError) refuse('The expression is nested too deeply to read.', null);
      const loc = (e as { location?: { start?: { offset: number } } }).location?.start;
      const at = loc ? positionOf(text, loc.offset) : null;
      // peggy's message starts with "syntax error <input>:L:C: "; the position is given separately
      const why = String((e as Error).message).replace(/^(syntax error )?<input>:\d+:\d+:\s*/i, '');
      refuse(at ? `Syntax error at line ${at.line}, column ${at.column}: ${why}` : `Syntax error: ${why}`, at);
    }
    const positions: Record<string, number> = {};
    for (const [id, off] of Object.entries(parsed.sourceInfo?.positions ?? {})) positions[id] = Number(off);
    checkTree(parsed.expr, positions, text);
    const run = plan(env, parsed);
    this.evaluate = (vars) => run(vars as Parameters<typeof run>[0]);
  }

  /** Whether it matches everything (no expression): the scan then skips building variables. */
  get matchesAll(): boolean {
    return this.evaluate === null;
  }

  /**
   * Tests `records` (of one partition) within `budgetMs`, interrupting the evaluation if it
   * runs over: what was tested before the interruption counts, the rest is left.
   */
  test(partition: number, records: readonly KafkaRecord[], budgetMs: number): TestOutcome {
    const out: TestOutcome = { matched: [], tested: 0, interrupted: false, problems: 0, firstProblem: null };
    const evaluate = this.evaluate;
    if (!evaluate) {
      out.matched = records.map((_, i) => i);
      out.tested = records.length;
      return out;
    }
    this.context.go = () => {
      for (let i = 0; i < records.length; i++) {
        const r = evaluate(recordVariables(partition, records[i]));
        out.tested = i + 1;
        if (r === true) out.matched.push(i);
        else if (r !== false) {
          out.problems++;
          out.firstProblem ??= `offset ${records[i].offset} of partition ${partition}: ${isCelError(r) ? r.message : `the expression gave ${typeof r === 'bigint' ? 'an int' : typeof r}, not true or false`}`;
        }
      }
    };
    try {
      this.script.runInContext(this.context, { timeout: Math.max(1, Math.floor(budgetMs)) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw e;
      out.interrupted = true;
    } finally {
      this.context.go = undefined;
    }
    return out;
  }
}

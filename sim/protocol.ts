/**
 * The app-output protocol: the `tinyml: <record> ...` lines a tinyml firmware prints on its
 * console (templates/project/app/main.c.hbs, examples/common/app_out.c and the examples'
 * firmwares), described once here and read by parseAppOutput and parseResults. The record names
 * are the constants below; test/sim.test.ts checks that the C writers print exactly these.
 * The line forms are in sim/README.md.
 */
import { SimError } from './errors';

/** Every record a tinyml firmware prints, as `tinyml: <name> ...`. */
export const RECORD = {
  /** `board <id> <sim|hw|host>` */
  board: 'board',
  /** `model <name>` */
  model: 'model',
  /** `input <i> builtin` or `input <i> file <path>` */
  input: 'input',
  /** `op <i> <NAME> <count>`: the cost of op i */
  op: 'op',
  /** `total <count> <unit>`: the cost of one inference (instructions, cycles or ns) */
  total: 'total',
  /** `output <i> <dtype> [<d0>,...]: <v0> ...`: float32 as 0x-prefixed IEEE bits */
  output: 'output',
  /** `arena <bytes>` */
  arena: 'arena',
  /** `stack <bytes>[ overflow]`: peak stack use where the port measures it */
  stack: 'stack',
  /** `error <message>` */
  error: 'error',
  /** `done`: the app's last line */
  done: 'done',
  /** `result <json>`: one application result (the examples' firmwares) */
  result: 'result',
} as const;

export type RecordName = (typeof RECORD)[keyof typeof RECORD];

/**
 * Records only an example's firmware prints, for its own tools (e.g. examples/wake-word/eval.py
 * reads `scores`); parseAppOutput ignores them. The cost ones are `<name> <count> <unit>`.
 */
export const APP_RECORDS = ['trace', 'pipeline', 'image', 'scores', 'inferences', 'preprocess', 'frontend'] as const;

/** The prefix of every protocol line. */
export const LINE_PREFIX = 'tinyml: ';

export interface AppOutputValue {
  index: number;
  dtype: string;
  shape: number[];
  /** Values as numbers (float32 decoded from their IEEE bits; int64 beyond 2^53 loses precision). */
  values: number[];
  /** The values as printed. */
  raw: string[];
}

export interface AppOutput {
  board: string | null;
  /** "sim", "hw" or "host". */
  variant: string | null;
  model: string | null;
  inputs: { index: number; source: 'builtin' | 'file'; path: string | null }[];
  ops: { index: number; name: string; count: number }[];
  total: { count: number; unit: string } | null;
  outputs: AppOutputValue[];
  arena: number | null;
  stack: { bytes: number; overflow: boolean } | null;
  errors: string[];
  /** True when the app printed its final "tinyml: done". */
  done: boolean;
}

function float32FromBits(bits: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, bits >>> 0);
  return view.getFloat32(0);
}

/**
 * Parses the app's console output (the `tinyml: ...` lines; anything else is ignored). A line
 * starting with a known record but not of its form raises a TinymlError.
 */
export function parseAppOutput(text: string): AppOutput {
  const res: AppOutput = {
    board: null,
    variant: null,
    model: null,
    inputs: [],
    ops: [],
    total: null,
    outputs: [],
    arena: null,
    stack: null,
    errors: [],
    done: false,
  };
  const bad: (line: string) => never = (line: string): never => {
    throw new SimError(`unparsable app output line '${line.length > 80 ? line.slice(0, 77) + '...' : line}'`);
  };
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    const m0 = /^tinyml: (\w+)(?: (.*))?$/.exec(line);
    if (!m0) continue;
    const [, key, rest = ''] = m0;
    let m: RegExpExecArray | null;
    switch (key) {
      case RECORD.board:
        if (!(m = /^(\S+) (\S+)/.exec(rest))) bad(line);
        res.board = m[1];
        res.variant = m[2];
        break;
      case RECORD.model:
        if (rest === '') bad(line);
        res.model = rest;
        break;
      case RECORD.input:
        if ((m = /^(\d+) builtin$/.exec(rest))) res.inputs.push({ index: Number(m[1]), source: 'builtin', path: null });
        else if ((m = /^(\d+) file (.+)$/.exec(rest))) res.inputs.push({ index: Number(m[1]), source: 'file', path: m[2] });
        else bad(line);
        break;
      case RECORD.op:
        if (!(m = /^(\d+) (\S+) (\d+)$/.exec(rest))) bad(line);
        res.ops.push({ index: Number(m[1]), name: m[2], count: Number(m[3]) });
        break;
      case RECORD.total:
        if (!(m = /^(\d+) (\S+)$/.exec(rest))) bad(line);
        res.total = { count: Number(m[1]), unit: m[2] };
        break;
      case RECORD.output: {
        if (!(m = /^(\d+) (\w+) \[([-\d,]*)\]:(.*)$/.exec(rest))) bad(line);
        const dtype = m[2];
        const raw = m[4].trim() === '' ? [] : m[4].trim().split(/ +/);
        const values = raw.map((v) => {
          if (dtype === 'float32') {
            if (!/^0x[0-9a-f]{8}$/i.test(v)) bad(line);
            return float32FromBits(parseInt(v, 16));
          }
          if (!/^-?\d+$/.test(v)) bad(line);
          return Number(v);
        });
        res.outputs.push({ index: Number(m[1]), dtype, shape: m[3] === '' ? [] : m[3].split(',').map(Number), values, raw });
        break;
      }
      case RECORD.arena:
        if (!(m = /^(\d+)$/.exec(rest))) bad(line);
        res.arena = Number(m[1]);
        break;
      case RECORD.stack:
        if (!(m = /^(\d+)( overflow)?$/.exec(rest))) bad(line);
        res.stack = { bytes: Number(m[1]), overflow: m[2] !== undefined };
        break;
      case RECORD.error:
        res.errors.push(rest);
        break;
      case RECORD.done:
        res.done = true;
        break;
      default:
        break; /* a record this parser does not know: ignored */
    }
  }
  return res;
}


/** The `tinyml: result {json}` lines an example's firmware prints, each parsed as JSON. */
export function parseResults(text: string): unknown[] {
  const out: unknown[] = [];
  for (const line of text.split('\n')) {
    const m = /^tinyml: result (.*)$/.exec(line.replace(/\r$/, ''));
    if (!m) continue;
    try {
      out.push(JSON.parse(m[1]));
    } catch {
      throw new SimError(`the firmware printed a result that is not JSON: ${m[1].slice(0, 80)}`);
    }
  }
  return out;
}

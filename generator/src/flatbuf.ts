/**
 * A bounds-checked FlatBuffers table reader.
 *
 * The `flatbuffers` npm runtime trusts its input: out-of-range offsets read as zero and a corrupt
 * vector length can make a loop run for billions of steps. A model file is untrusted input, so
 * every read here is checked against the buffer and fails with a FlatbufferError naming where.
 */
export class FlatbufferError extends Error {}

export class FbReader {
  readonly view: DataView;
  readonly size: number;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.size = bytes.byteLength;
  }

  check(pos: number, len: number, what: string): void {
    if (!Number.isInteger(pos) || pos < 0 || len < 0 || pos + len > this.size) {
      throw new FlatbufferError(`${what} at offset ${pos} runs past the end of the file (${this.size} bytes)`);
    }
  }

  u8(pos: number, what = 'byte'): number { this.check(pos, 1, what); return this.view.getUint8(pos); }
  i8(pos: number, what = 'byte'): number { this.check(pos, 1, what); return this.view.getInt8(pos); }
  u16(pos: number, what = 'uint16'): number { this.check(pos, 2, what); return this.view.getUint16(pos, true); }
  i32(pos: number, what = 'int32'): number { this.check(pos, 4, what); return this.view.getInt32(pos, true); }
  u32(pos: number, what = 'uint32'): number { this.check(pos, 4, what); return this.view.getUint32(pos, true); }
  f32(pos: number, what = 'float'): number { this.check(pos, 4, what); return this.view.getFloat32(pos, true); }
  i64(pos: number, what = 'int64'): bigint { this.check(pos, 8, what); return this.view.getBigInt64(pos, true); }
  u64(pos: number, what = 'uint64'): bigint { this.check(pos, 8, what); return this.view.getBigUint64(pos, true); }

  /** The root table's position. */
  root(): Table {
    const off = this.u32(0, 'root offset');
    return new Table(this, off, 'root table');
  }

  identifier(): string {
    if (this.size < 8) return '';
    return String.fromCharCode(this.bytes[4], this.bytes[5], this.bytes[6], this.bytes[7]);
  }
}

export type ScalarKind = 'u8' | 'i8' | 'bool' | 'u16' | 'i32' | 'u32' | 'f32' | 'i64' | 'u64';

const SCALAR_SIZE: Record<ScalarKind, number> = { u8: 1, i8: 1, bool: 1, u16: 2, i32: 4, u32: 4, f32: 4, i64: 8, u64: 8 };

export class Table {
  private readonly vtable: number;
  private readonly vtableSize: number;

  constructor(readonly fb: FbReader, readonly pos: number, readonly what: string) {
    fb.check(pos, 4, what);
    const vt = pos - fb.i32(pos, `${what} vtable offset`);
    fb.check(vt, 4, `${what} vtable`);
    const vtSize = fb.u16(vt, `${what} vtable size`);
    if (vtSize < 4 || vtSize % 2 !== 0) throw new FlatbufferError(`${what} has a malformed vtable (size ${vtSize})`);
    fb.check(vt, vtSize, `${what} vtable`);
    const objSize = fb.u16(vt + 2, `${what} object size`);
    fb.check(pos, objSize, what);
    this.vtable = vt;
    this.vtableSize = vtSize;
  }

  /** Absolute position of field `slot`, or 0 when absent. */
  field(slot: number): number {
    const o = 4 + 2 * slot;
    if (o + 2 > this.vtableSize) return 0;
    const rel = this.fb.u16(this.vtable + o);
    return rel === 0 ? 0 : this.pos + rel;
  }

  has(slot: number): boolean { return this.field(slot) !== 0; }

  scalar(slot: number, kind: 'i64' | 'u64', dflt: bigint): bigint;
  scalar(slot: number, kind: Exclude<ScalarKind, 'i64' | 'u64'>, dflt: number): number;
  scalar(slot: number, kind: ScalarKind, dflt: number | bigint): number | bigint {
    const p = this.field(slot);
    if (p === 0) return dflt;
    const what = `${this.what} field ${slot}`;
    switch (kind) {
      case 'u8': return this.fb.u8(p, what);
      case 'bool': return this.fb.u8(p, what);
      case 'i8': return this.fb.i8(p, what);
      case 'u16': return this.fb.u16(p, what);
      case 'i32': return this.fb.i32(p, what);
      case 'u32': return this.fb.u32(p, what);
      case 'f32': return this.fb.f32(p, what);
      case 'i64': return this.fb.i64(p, what);
      case 'u64': return this.fb.u64(p, what);
    }
  }

  private indirect(p: number, what: string): number {
    const target = p + this.fb.u32(p, what);
    this.fb.check(target, 4, what);
    return target;
  }

  table(slot: number, what: string): Table | null {
    const p = this.field(slot);
    if (p === 0) return null;
    return new Table(this.fb, this.indirect(p, what), what);
  }

  string(slot: number, what: string): string | null {
    const p = this.field(slot);
    if (p === 0) return null;
    const s = this.indirect(p, what);
    const len = this.fb.u32(s, `${what} length`);
    this.fb.check(s + 4, len, what);
    return Buffer.from(this.fb.bytes.buffer, this.fb.bytes.byteOffset + s + 4, len).toString('utf8');
  }

  /** Start and length of a vector field, element size checked against the file. */
  vector(slot: number, elemSize: number, what: string): { start: number; length: number } | null {
    const p = this.field(slot);
    if (p === 0) return null;
    const v = this.indirect(p, what);
    const length = this.fb.u32(v, `${what} length`);
    this.fb.check(v + 4, length * elemSize, what);
    return { start: v + 4, length };
  }

  scalarVector(slot: number, kind: Exclude<ScalarKind, 'i64' | 'u64'>, what: string): number[] | null {
    const v = this.vector(slot, SCALAR_SIZE[kind], what);
    if (v === null) return null;
    const out = new Array<number>(v.length);
    const dv = this.fb.view;
    for (let i = 0; i < v.length; i++) {
      const p = v.start + i * SCALAR_SIZE[kind];
      switch (kind) {
        case 'u8': case 'bool': out[i] = dv.getUint8(p); break;
        case 'i8': out[i] = dv.getInt8(p); break;
        case 'u16': out[i] = dv.getUint16(p, true); break;
        case 'i32': out[i] = dv.getInt32(p, true); break;
        case 'u32': out[i] = dv.getUint32(p, true); break;
        case 'f32': out[i] = dv.getFloat32(p, true); break;
      }
    }
    return out;
  }

  bigVector(slot: number, what: string): bigint[] | null {
    const v = this.vector(slot, 8, what);
    if (v === null) return null;
    const out: bigint[] = [];
    for (let i = 0; i < v.length; i++) out.push(this.fb.view.getBigInt64(v.start + 8 * i, true));
    return out;
  }

  bytesVector(slot: number, what: string): Uint8Array | null {
    const v = this.vector(slot, 1, what);
    if (v === null) return null;
    return this.fb.bytes.subarray(v.start, v.start + v.length);
  }

  tableVector(slot: number, what: string): Table[] | null {
    const v = this.vector(slot, 4, what);
    if (v === null) return null;
    const out: Table[] = [];
    for (let i = 0; i < v.length; i++) {
      const p = v.start + 4 * i;
      out.push(new Table(this.fb, this.indirect(p, `${what}[${i}]`), `${what}[${i}]`));
    }
    return out;
  }
}

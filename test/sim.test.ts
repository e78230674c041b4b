/**
 * sim/ as a layer of its own: the emulator interface and its two implementations, and the
 * app-output protocol described once (sim/protocol.ts) against the C that prints it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { EMULATORS, getEmulator } from '../sim';
import { SimError } from '../sim/errors';
import { APP_RECORDS, RECORD, parseAppOutput, parseResults } from '../sim/protocol';
import { qemuArgs, qemuDefs } from '../sim/qemu';
import { ROOT } from './helpers/env';

/** The record names a C source prints: `"tinyml: NAME` literals and app_out_cost("NAME", ...). */
function recordsPrinted(file: string): Set<string> {
  const text = fs.readFileSync(file, 'utf8');
  const out = new Set<string>();
  for (const m of text.matchAll(/"tinyml: ([a-z_]+)/g)) out.add(m[1]);
  for (const m of text.matchAll(/app_out_cost\("([a-z_]+)"/g)) out.add(m[1]);
  return out;
}

const GENERIC_APP = path.join(ROOT, 'templates', 'project', 'app', 'main.c.hbs');
const COMMON_OUT = path.join(ROOT, 'examples', 'common', 'app_out.c');
const EXAMPLE_MAINS = fs.readdirSync(path.join(ROOT, 'examples'))
  .map((n) => path.join(ROOT, 'examples', n, 'firmware', 'main.c'))
  .filter((f) => fs.existsSync(f));

describe('sim/ protocol against the C writers', () => {
  const known = new Set<string>([...Object.values(RECORD), ...APP_RECORDS]);

  it('the generic app prints every record of the protocol but result, and nothing else', () => {
    const printed = recordsPrinted(GENERIC_APP);
    assert.deepEqual([...printed].sort(), Object.values(RECORD).filter((r) => r !== RECORD.result).sort());
  });

  it('the examples print only known records, results among them', () => {
    assert.ok(EXAMPLE_MAINS.length >= 3, `examples found: ${EXAMPLE_MAINS.length}`);
    const common = recordsPrinted(COMMON_OUT);
    for (const r of [RECORD.op, RECORD.arena, RECORD.stack, RECORD.done, RECORD.error]) assert.ok(common.has(r), `app_out.c prints ${r}`);
    for (const f of [COMMON_OUT, ...EXAMPLE_MAINS]) {
      const printed = recordsPrinted(f);
      const unknown = [...printed].filter((r) => !known.has(r));
      assert.deepEqual(unknown, [], `${path.relative(ROOT, f)} prints records sim/protocol.ts does not describe`);
    }
    for (const f of EXAMPLE_MAINS) {
      const printed = recordsPrinted(f);
      for (const r of [RECORD.board, RECORD.model, RECORD.input, RECORD.result, RECORD.total]) assert.ok(printed.has(r), `${path.relative(ROOT, f)} prints ${r}`);
    }
  });

  it('the README documents every record', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'sim', 'README.md'), 'utf8');
    for (const r of Object.values(RECORD)) assert.ok(readme.includes(`tinyml: ${r}`), `sim/README.md describes 'tinyml: ${r}'`);
  });

  it('parses results and rejects one that is not JSON with a SimError', () => {
    assert.deepEqual(parseResults('x\ntinyml: result {"a":1}\r\ntinyml: done\ntinyml: result [2]\n'), [{ a: 1 }, [2]]);
    assert.throws(() => parseResults('tinyml: result {oops'), (e: unknown) => e instanceof SimError && /not JSON/.test(e.message));
    assert.throws(() => parseAppOutput('tinyml: arena lots'), (e: unknown) => e instanceof SimError && /unparsable/.test(e.message));
  });
});

describe('sim/ emulators', () => {
  it('has QEMU and Renode behind one interface', () => {
    assert.deepEqual(Object.keys(EMULATORS).sort(), ['qemu', 'renode']);
    for (const e of Object.values(EMULATORS)) {
      assert.equal(typeof e.available(), 'boolean');
      assert.equal(typeof e.run, 'function');
    }
    assert.equal(getEmulator('qemu').name, 'qemu');
    assert.throws(() => getEmulator('bochs'), (e: unknown) => e instanceof SimError && /unknown emulator 'bochs'/.test(e.message));
  });

  it('rejects a missing ELF and a bad argument with SimErrors', async () => {
    await assert.rejects(getEmulator('qemu').run('/nonexistent.elf', { machine: 'mps2-an386', cwd: '/', timeoutMs: 1000 }), (e: unknown) => e instanceof SimError && /no such ELF/.test(e.message));
    await assert.rejects(getEmulator('renode').run('/nonexistent.elf', { script: 'x.robot', cwd: '/', timeoutMs: 1000 }), SimError);
    assert.throws(() => qemuArgs({ elf: 'a.elf', machine: 'm', cwd: '/', timeoutMs: 1, args: ['a b'] }, 'sh.txt'), SimError);
  });

  it('gives the QEMU build its defines', () => {
    assert.equal(qemuDefs({ uartBase: 0x40004000, insnsPerTick: { num: 40, shift: 0 } }),
      `-DPORT_QEMU_CMSDK -DPORT_UART_BASE=0x40004000u -DPORT_INSNS_PER_TICK_NUM=40u -DPORT_INSNS_PER_TICK_SHIFT=0u -DTINYML_VARIANT='"sim"'`);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { getBoard, insnsPerTick, listBoards, loadBoardsFrom } from '../generator/src/boards';
import { TinymlError } from '../generator/src/errors';
import { SimError } from '../sim/errors';
import { projectRoot, rootPath } from '../generator/src/paths';
import { defaultStackBytes, projectFiles } from '../generator/src/project';
import { parseAppOutput } from '../sim/protocol';
import { FAKE_SUMMARY } from './fixtures/port/fake';

const REQUIRED = ['nano33', 'disco_f746ng', 'nucleo_l4r5zi', 'bluepill', 'pico', 'nrf5340dk', 'mps2_an386', 'mps3_an547', 'hifive1', 'rv32_virt', 'host'];
const KB = 1024;
const MB = 1024 * 1024;

function text(files: Map<string, string | Buffer>, name: string): string {
  const v = files.get(name);
  assert.ok(v !== undefined, `${name} is generated`);
  return v.toString();
}

const scratchDirs: string[] = [];
after(() => {
  for (const d of scratchDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A scratch boards/ directory holding the real fragments plus the given board files. */
function scratchBoards(boards: Record<string, object>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-boards-'));
  scratchDirs.push(dir);
  fs.cpSync(rootPath('boards', 'cores'), path.join(dir, 'cores'), { recursive: true });
  fs.cpSync(rootPath('boards', 'qemu'), path.join(dir, 'qemu'), { recursive: true });
  fs.cpSync(rootPath('boards', 'toolchains'), path.join(dir, 'toolchains'), { recursive: true });
  for (const [name, obj] of Object.entries(boards)) fs.writeFileSync(path.join(dir, name), JSON.stringify(obj));
  return dir;
}

function nanoLike(over: object = {}): object {
  const raw = JSON.parse(fs.readFileSync(rootPath('boards', 'nano33.json'), 'utf8'));
  return { ...raw, ...over };
}

function expectError(fn: () => unknown, pattern: RegExp, type: typeof TinymlError | typeof SimError = TinymlError): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof type, `a ${type.name}, got ${String(e)}`);
    assert.match(e.message, pattern);
    assert.ok(!e.message.includes('\n'), 'one-line message');
    return true;
  });
}

describe('boards', () => {
  it('finds the project root from the compiled code', () => {
    assert.ok(fs.existsSync(path.join(projectRoot(), 'package.json')));
    assert.ok(fs.existsSync(rootPath('boards', 'nano33.json')));
  });

  it('lists every required board, sorted, each fully described', () => {
    const ids = listBoards().map((b) => b.id);
    for (const id of REQUIRED) assert.ok(ids.includes(id), `${id} is listed`);
    assert.deepEqual(ids, [...ids].sort());
    for (const b of listBoards()) {
      assert.ok(b.name && b.mcu && b.console, `${b.id} has name, mcu and console`);
      if (b.kind === 'host') continue;
      assert.ok(b.core && b.flash && b.ram && b.clockHz && b.qemu && b.sim && b.toolchain, `${b.id} has core, memory, clock, toolchain and QEMU stand-in`);
      if (b.arch === 'riscv') {
        assert.ok(b.cflags.includes(`-march=${b.core}`) && b.cflags.includes('-mabi=ilp32'), `${b.id} flags`);
        assert.equal(b.fpu, 'none');
        continue;
      }
      assert.equal(b.arch, 'arm');
      assert.ok(b.cflags.includes(`-mcpu=${b.core}`) && b.cflags.includes('-mthumb'), `${b.id} flags`);
      assert.ok(b.cflags.includes(b.fpu === 'none' ? '-mfloat-abi=soft' : '-mfloat-abi=hard'), `${b.id} float ABI`);
    }
  });

  it('rejects an unknown id with the valid ones', () => {
    expectError(() => getBoard('uno'), /^unknown board 'uno' \(valid: bluepill, disco_f746ng, .*nano33.*\)$/);
  });

  it('nano33: nRF52840 Cortex-M4F at 64 MHz, application after the 64 KB bootloader', () => {
    const b = getBoard('nano33');
    assert.equal(b.mcu, 'nRF52840');
    assert.equal(b.core, 'cortex-m4');
    assert.equal(b.fpu, 'fpv4-sp-d16');
    assert.equal(b.dsp, true);
    assert.equal(b.clockHz, 64_000_000);
    assert.deepEqual(b.flash, { origin: 0x10000, size: 0x100000 - 0x10000 });
    assert.deepEqual(b.ram, { origin: 0x20000000, size: 256 * KB });
    assert.deepEqual(b.platformio, { platform: 'nordicnrf52', board: 'nano33ble', framework: 'arduino' });
    assert.deepEqual(b.renode, { platform: 'platforms/boards/arduino_nano_33_ble.repl', uart: 'uart0', setup: [] });
    assert.deepEqual(b.qemu, { machine: 'mps2-an386', cpu: 'cortex-m4' });
    assert.deepEqual(b.cflags, ['-mcpu=cortex-m4', '-mthumb', '-mfpu=fpv4-sp-d16', '-mfloat-abi=hard']);
    assert.equal(b.portMacro, 'PORT_NRF52840');
  });

  it('has the brief facts for the other boards', () => {
    const facts: Record<string, [string, number, number, number]> = {
      disco_f746ng: ['cortex-m7', 216_000_000, 1 * MB, 320 * KB],
      nucleo_l4r5zi: ['cortex-m4', 120_000_000, 2 * MB, 640 * KB],
      bluepill: ['cortex-m3', 72_000_000, 64 * KB, 20 * KB],
      pico: ['cortex-m0plus', 133_000_000, 2 * MB, 264 * KB],
      nrf5340dk: ['cortex-m33', 128_000_000, 1 * MB, 512 * KB],
    };
    for (const [id, [core, hz, flash, ram]] of Object.entries(facts)) {
      const b = getBoard(id);
      assert.equal(b.core, core, id);
      assert.equal(b.clockHz, hz, id);
      assert.equal(b.flash?.size, flash, id);
      assert.equal(b.ram?.size, ram, id);
    }
    assert.equal(getBoard('pico').fpu, 'none');
    assert.equal(getBoard('bluepill').dsp, false);
    assert.equal(getBoard('mps3_an547').core, 'cortex-m55');
    assert.equal(getBoard('mps2_an386').kind, 'emulator');
    const host = getBoard('host');
    assert.equal(host.kind, 'host');
    assert.equal(host.flash, null);
    assert.equal(host.ram, null);
    assert.equal(host.sim, null);
  });

  it('takes core facts from the shared fragment, not a copy', () => {
    const raw = JSON.parse(fs.readFileSync(rootPath('boards', 'nano33.json'), 'utf8'));
    assert.equal(raw.extends, 'cores/cortex-m4f.json');
    assert.equal(raw.fpu, undefined);
    assert.equal(raw.cflags, undefined);
    assert.equal(getBoard('nucleo_l4r5zi').fpu, getBoard('nano33').fpu);
  });

  it('gives each board a QEMU stand-in with the same core and the board sizes', () => {
    const expect: Record<string, string> = {
      nano33: 'mps2-an386',
      nucleo_l4r5zi: 'mps2-an386',
      disco_f746ng: 'mps2-an500',
      bluepill: 'mps2-an385',
      pico: 'mps2-an385',
      nrf5340dk: 'mps2-an505',
      mps2_an386: 'mps2-an386',
      mps3_an547: 'mps3-an547',
    };
    for (const [id, machine] of Object.entries(expect)) {
      const b = getBoard(id);
      assert.equal(b.sim?.machine, machine, id);
      assert.equal(b.sim?.flash.size, b.flash?.size, id);
      assert.equal(b.sim?.ram.size, b.ram?.size, id);
    }
    assert.deepEqual(getBoard('nano33').sim?.flash, { origin: 0, size: 0xf0000 });
    assert.deepEqual(getBoard('nrf5340dk').sim?.ram, { origin: 0x38000000, size: 512 * KB });
    assert.deepEqual(getBoard('mps3_an547').sim?.vectors, { origin: 0x10000000, size: 0x400 });
    assert.deepEqual(insnsPerTick(25_000_000), { num: 40, shift: 0 });
    assert.deepEqual(insnsPerTick(32_000_000), { num: 125, shift: 2 });
  });

  it('names only checked Renode platforms and UARTs', () => {
    const list = JSON.parse(fs.readFileSync(rootPath('sim', 'renode-platforms.json'), 'utf8'));
    for (const b of listBoards().filter((x) => x.renode)) {
      const entry = list.platforms.find((p: { platform: string }) => p.platform === b.renode?.platform);
      assert.ok(entry, `${b.id}: ${b.renode?.platform} is listed`);
      assert.ok(b.renode!.uart in entry.uarts, `${b.id}: ${b.renode?.uart} is a UART of it`);
      assert.ok(entry.usedBy.includes(b.id));
      assert.ok(entry.checked.length > 0 && entry.checked.every((c: { repo: string; commit: string }) => c.repo === 'renode/renode' && /^[0-9a-f]{40}$/.test(c.commit)));
    }
    for (const u of list.unavailable) assert.equal(getBoard(u.board).renode, null, u.board);
  });

  describe('validation (one-line errors)', () => {
    it('accepts a valid copy', () => {
      const dir = scratchBoards({ 'nano33.json': nanoLike() });
      assert.equal(loadBoardsFrom(dir)[0].id, 'nano33');
    });
    it('rejects an unknown core', () => {
      const dir = scratchBoards({ 'x.json': nanoLike({ id: 'x', core: 'cortex-m85' }) });
      expectError(() => loadBoardsFrom(dir), /board 'x'.*core must be one of cortex-m0plus, .*\(got "cortex-m85"\)/);
    });
    it('rejects flags that disagree with the FPU', () => {
      const dir = scratchBoards({ 'x.json': nanoLike({ id: 'x', fpu: 'fpv5-d16' }) });
      expectError(() => loadBoardsFrom(dir), /cflags must include -mfpu=fpv5-d16/);
    });
    it('rejects a board that does not fit its QEMU stand-in', () => {
      const dir = scratchBoards({ 'x.json': nanoLike({ id: 'x', flash: { origin: '0x0', size: '0x800000' } }) });
      expectError(() => loadBoardsFrom(dir), /flash.size \(0x800000\) does not fit mps2-an386's 0x400000 bytes/);
    });
    it('rejects an unchecked Renode platform or UART', () => {
      let dir = scratchBoards({ 'x.json': nanoLike({ id: 'x', renode: { platform: 'platforms/cpus/nrf5340.repl', uart: 'uart0' } }) });
      expectError(() => loadBoardsFrom(dir), /not a checked Renode platform/);
      dir = scratchBoards({ 'x.json': nanoLike({ id: 'x', renode: { platform: 'platforms/boards/arduino_nano_33_ble.repl', uart: 'uart7' } }) });
      expectError(() => loadBoardsFrom(dir), /'uart7' is not a UART of .* \(uart0, uart1\)/);
    });
    it('rejects a circular or missing fragment, and an id that is not the file name', () => {
      let dir = scratchBoards({ 'x.json': nanoLike({ id: 'x', extends: 'cores/a.json' }) });
      fs.writeFileSync(path.join(dir, 'cores', 'a.json'), JSON.stringify({ include: ['cores/b.json'] }));
      fs.writeFileSync(path.join(dir, 'cores', 'b.json'), JSON.stringify({ extends: 'cores/a.json' }));
      expectError(() => loadBoardsFrom(dir), /circular extends\/include \(x.json -> cores\/a.json -> cores\/b.json -> cores\/a.json\)/);
      dir = scratchBoards({ 'x.json': nanoLike({ id: 'x', extends: 'cores/none.json' }) });
      expectError(() => loadBoardsFrom(dir), /fragment 'cores\/none.json' not found/);
      dir = scratchBoards({ 'x.json': nanoLike({ id: 'y' }) });
      expectError(() => loadBoardsFrom(dir), /id must be 'x'/);
    });
    it('rejects invalid JSON', () => {
      const dir = scratchBoards({});
      fs.writeFileSync(path.join(dir, 'x.json'), '{ "id": ');
      expectError(() => loadBoardsFrom(dir), /boards\/x.json: invalid JSON/);
    });
  });
});

describe('projectFiles', () => {
  it('nano33: PlatformIO (Arduino, Serial1), Renode test on uart0, CI, linker at 0x10000', () => {
    const f = projectFiles(getBoard('nano33'), FAKE_SUMMARY);
    const ini = text(f, 'platformio.ini');
    assert.match(ini, /^\[env:nano33\]$/m);
    assert.match(ini, /^platform = nordicnrf52$/m);
    assert.match(ini, /^board = nano33ble$/m);
    assert.match(ini, /^framework = arduino$/m);
    assert.match(ini, /^src_dir = \.$/m);
    assert.match(ini, /-DPORT_ARDUINO/);
    assert.match(ini, /\+<runtime\/src\/>/);
    assert.ok(f.has('port/port_arduino.cpp'));
    assert.match(text(f, 'port/port_arduino.cpp'), /Serial1\.begin/);
    const ld = text(f, 'linker/board.ld');
    assert.match(ld, /FLASH \(rx\)\s+: ORIGIN = 0x00010000, LENGTH = 0x000F0000/);
    assert.match(ld, /RAM \(rwx\)\s+: ORIGIN = 0x20000000, LENGTH = 0x00040000/);
    const sim = text(f, 'linker/sim.ld');
    assert.match(sim, /FLASH \(rx\)\s+: ORIGIN = 0x00000000, LENGTH = 0x000F0000/);
    const resc = text(f, 'renode/nano33.resc');
    assert.match(resc, /LoadPlatformDescription @platforms\/boards\/arduino_nano_33_ble.repl/);
    assert.match(resc, /VectorTableOffset 0x10000/);
    const robot = text(f, 'renode/nano33.robot');
    assert.match(robot, /Create Terminal Tester\s+\$\{UART\}/);
    assert.match(robot, /sysbus\.uart0/);
    assert.match(robot, /Wait For Line On Uart\s+tinyml: done/);
    assert.match(text(f, '.github/workflows/renode.yml'), /tests-to-run: renode\/nano33.robot/);
    const mk = text(f, 'Makefile');
    assert.match(mk, /^CPUFLAGS := -mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard$/m);
    assert.match(mk, /^BOARD_DEFS := -DPORT_NRF52840$/m);
    assert.match(mk, /-DPORT_QEMU_CMSDK -DPORT_UART_BASE=0x40004000u -DPORT_INSNS_PER_TICK_NUM=40u/);
    assert.match(mk, /-M mps2-an386 -cpu cortex-m4 -nographic -icount shift=0/);
    assert.match(text(f, 'README.md'), /pio run -t upload/);
    assert.ok(!f.has('model/model.c') && ![...f.keys()].some((k) => k.startsWith('runtime/')), 'leaves model/ and runtime/ to the model generator');
  });

  it('pico: boot2 in the board linker script; no Renode', () => {
    const f = projectFiles(getBoard('pico'), FAKE_SUMMARY);
    assert.match(text(f, 'linker/board.ld'), /KEEP\(\*\(\.boot2\)\)/);
    assert.doesNotMatch(text(f, 'linker/sim.ld'), /boot2/);
    assert.ok(!f.has('renode/pico.resc') && !f.has('.github/workflows/renode.yml'));
  });

  it('host: not a board project (the host target is host.ts)', () => {
    expectError(() => projectFiles(getBoard('host'), FAKE_SUMMARY), /the host project is made by host\.ts/);
  });

  it('refuses a bad stack size', () => {
    expectError(() => projectFiles(getBoard('nano33'), FAKE_SUMMARY, { stackBytes: 1000 }), /stack size 1000/);
  });

  it('one stack default: 2 KB below 64 KB of RAM, else 8 KB', () => {
    assert.equal(defaultStackBytes(getBoard('bluepill')), 2048);
    assert.equal(defaultStackBytes(getBoard('nano33')), 8192);
    assert.match(text(projectFiles(getBoard('bluepill'), FAKE_SUMMARY), 'linker/board.ld'), /0x00000800/);
  });
});

describe('parseAppOutput', () => {
  const sample = [
    'boot noise',
    'tinyml: board nano33 sim',
    'tinyml: model kws',
    'tinyml: input 0 file in.bin\r',
    'tinyml: op 0 CONV_2D 1200',
    'tinyml: op 1 SOFTMAX 80',
    'tinyml: total 1320 instructions',
    'tinyml: output 0 int8 [1,3]: -128 0 127',
    'tinyml: output 1 float32 [2]: 0x3f800000 0xc0490fdb',
    'tinyml: arena 4096',
    'tinyml: stack 612',
    'tinyml: done',
  ].join('\n');

  it('reads every record', () => {
    const o = parseAppOutput(sample);
    assert.equal(o.board, 'nano33');
    assert.equal(o.variant, 'sim');
    assert.equal(o.model, 'kws');
    assert.deepEqual(o.inputs, [{ index: 0, source: 'file', path: 'in.bin' }]);
    assert.deepEqual(o.ops, [
      { index: 0, name: 'CONV_2D', count: 1200 },
      { index: 1, name: 'SOFTMAX', count: 80 },
    ]);
    assert.deepEqual(o.total, { count: 1320, unit: 'instructions' });
    assert.deepEqual(o.outputs[0].values, [-128, 0, 127]);
    assert.deepEqual(o.outputs[0].shape, [1, 3]);
    assert.equal(o.outputs[1].values[0], 1);
    assert.ok(Math.abs(o.outputs[1].values[1] + Math.PI) < 1e-6);
    assert.equal(o.arena, 4096);
    assert.deepEqual(o.stack, { bytes: 612, overflow: false });
    assert.equal(o.done, true);
    assert.deepEqual(o.errors, []);
  });

  it('collects errors and rejects malformed records', () => {
    const o = parseAppOutput('tinyml: error op 2 ADD failed: bad parameter\ntinyml: stack 9000 overflow\n');
    assert.deepEqual(o.errors, ['op 2 ADD failed: bad parameter']);
    assert.deepEqual(o.stack, { bytes: 9000, overflow: true });
    assert.equal(o.done, false);
    expectError(() => parseAppOutput('tinyml: total many instructions'), /unparsable app output line 'tinyml: total many instructions'/, SimError);
    expectError(() => parseAppOutput('tinyml: output 0 float32 [1]: 1.5'), /unparsable/, SimError);
  });
});

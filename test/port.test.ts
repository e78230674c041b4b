import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { getBoard, listBoards } from '../generator/src/boards';
import { parseAppOutput } from '../sim/protocol';
import { runQemu } from '../sim/qemu';
import { rootPath } from '../generator/src/paths';
import { FAKE_EXPECTED, hasTool, make, writeFakeProject } from './fixtures/port/fake';

const ROOT = rootPath();

/** CRC-32/MPEG-2 (polynomial 0x04C11DB7, init 0xFFFFFFFF, no reflection): what the RP2040 boot ROM checks. */
function crc32Mpeg2(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b << 24;
    for (let i = 0; i < 8; ++i) crc = crc & 0x80000000 ? ((crc << 1) ^ 0x04c11db7) >>> 0 : (crc << 1) >>> 0;
  }
  return crc >>> 0;
}

function tool(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

describe('the port layer and generated project, built and run', function () {
  this.timeout(300000);
  let work = '';
  const built = new Set<string>();

  before(function () {
    if (!hasTool('arm-none-eabi-gcc') || !hasTool('qemu-system-arm') || !hasTool('make')) this.skip();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-port-'));
  });

  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  /** The project for a board with the fake model, with `target` (sim or all) built once. */
  function project(id: string, target: 'sim' | 'all'): string {
    const dir = path.join(work, id);
    if (!fs.existsSync(dir)) writeFakeProject(id, dir);
    if (!built.has(`${id}:${target}`)) {
      make(dir, [target]);
      built.add(`${id}:${target}`);
    }
    return dir;
  }

  function runSim(id: string, dir: string, args: string[] = []) {
    const sim = getBoard(id).sim!;
    return runQemu({ elf: path.join(dir, 'build', 'sim.elf'), machine: sim.machine, cpu: sim.cpu, args, cwd: dir, timeoutMs: 30000 });
  }

  for (const id of ['mps2_an386', 'mps3_an547', 'pico']) {
    it(`${id}: the sim build (QEMU ${getBoard(id).sim?.machine}) prints the expected outputs and a repeatable instruction count`, async () => {
      const dir = project(id, 'sim');
      const r1 = await runSim(id, dir);
      const r2 = await runSim(id, dir);
      assert.equal(r1.exitCode, 0, r1.uart);
      const o1 = parseAppOutput(r1.uart);
      const o2 = parseAppOutput(r2.uart);
      assert.equal(o1.board, id);
      assert.equal(o1.variant, 'sim');
      assert.equal(o1.model, 'fake_model');
      assert.deepEqual(o1.inputs.map((i) => i.source), ['builtin', 'builtin']);
      assert.deepEqual(o1.outputs[0].values, FAKE_EXPECTED.y);
      assert.deepEqual(o1.outputs[0].shape, [1, 8]);
      assert.equal(o1.outputs[0].dtype, 'int8');
      assert.deepEqual(o1.outputs[1].values, FAKE_EXPECTED.s);
      assert.equal(o1.outputs[1].dtype, 'float32');
      assert.deepEqual(o1.ops.map((o) => o.name), ['ADD_ONE', 'ADD', 'SUM']);
      assert.ok(o1.total !== null && o1.total.unit === 'instructions');
      assert.ok(o1.total.count > 0, 'a positive instruction count');
      assert.equal(o2.total?.count, o1.total.count, 'the same count on a second run');
      assert.deepEqual(o2.ops, o1.ops);
      assert.ok(o1.ops.reduce((s, o) => s + o.count, 0) <= o1.total.count + 3 * 40);
      assert.equal(o1.arena, 40);
      assert.ok(o1.stack !== null && o1.stack.bytes > 64 && o1.stack.bytes < 8192 && !o1.stack.overflow, JSON.stringify(o1.stack));
      assert.equal(o1.done, true);
      assert.deepEqual(o1.errors, []);
      assert.equal(r1.semihostOut, '');
      console.log(`      ${id}: total ${o1.total.count} instructions (ops ${o1.ops.map((o) => o.count).join(', ')}), stack ${o1.stack.bytes} bytes`);
    });
  }

  it('reads --input files and writes --output files through semihosting, and rejects bad ones', async () => {
    const dir = project('mps2_an386', 'sim');
    fs.writeFileSync(path.join(dir, 'a.bin'), Buffer.alloc(8, 1));
    fs.writeFileSync(path.join(dir, 'b.bin'), Buffer.from(Int8Array.from([127, 0, 0, 0, 0, 0, 0, -128]).buffer));
    fs.writeFileSync(path.join(dir, 'short.bin'), Buffer.alloc(7, 1));
    const ok = await runSim('mps2_an386', dir, ['--input', 'a.bin', '--input', 'b.bin', '--output', 'y.bin', '--output', 's.bin']);
    assert.equal(ok.exitCode, 0, ok.uart);
    const o = parseAppOutput(ok.uart);
    assert.deepEqual(o.inputs, [
      { index: 0, source: 'file', path: 'a.bin' },
      { index: 1, source: 'file', path: 'b.bin' },
    ]);
    const y = [127, 2, 2, 2, 2, 2, 2, -126]; // saturating int8: 1 + 1 + 127, 1 + 1 - 128
    assert.deepEqual(o.outputs[0].values, y);
    assert.deepEqual([...new Int8Array(fs.readFileSync(path.join(dir, 'y.bin')))], y);
    const s = fs.readFileSync(path.join(dir, 's.bin'));
    assert.deepEqual([s.readFloatLE(0), s.readFloatLE(4)], [13, 1.625]);

    const short = await runSim('mps2_an386', dir, ['--input', 'short.bin', '--input', 'b.bin']);
    assert.equal(short.exitCode, 2);
    assert.deepEqual(parseAppOutput(short.uart).errors, ["input file 'short.bin' has 7 bytes, input 0 needs 8"]);
    const missing = await runSim('mps2_an386', dir, ['--input', 'nope.bin', '--input', 'b.bin']);
    assert.equal(missing.exitCode, 2);
    assert.deepEqual(parseAppOutput(missing.uart).errors, ["cannot read input file 'nope.bin'"]);
    const one = await runSim('mps2_an386', dir, ['--input', 'a.bin']);
    assert.equal(one.exitCode, 2);
    assert.match(parseAppOutput(one.uart).errors[0], /the model has 2 input\(s\) but 1 --input file\(s\) were given/);
  });

  it('builds (compiles and links) the board firmware of every Arm board, warning-free', () => {
    for (const b of listBoards().filter((x) => x.arch === 'arm')) {
      const dir = project(b.id, 'all');
      const elf = path.join(dir, 'build', 'firmware.elf');
      assert.ok(fs.existsSync(elf), `${b.id}: build/firmware.elf`);
      const vec = /^([0-9a-f]{8}) [A-Za-z] port_vectors$/m.exec(tool('arm-none-eabi-nm', [elf], dir));
      assert.ok(vec, `${b.id}: has a vector table`);
      const expected = b.port === 'rp2040' ? b.flash!.origin + 0x100 : (b.vectors ?? b.flash!).origin;
      assert.equal(parseInt(vec[1], 16), expected, `${b.id}: vector table at the start of flash`);
    }
  });

  it('pico: the boot2 block is 256 bytes with the CRC the RP2040 boot ROM checks', () => {
    const dir = project('pico', 'all');
    tool('arm-none-eabi-objcopy', ['-O', 'binary', '-j', '.boot2', 'build/firmware.elf', 'build/boot2.bin'], dir);
    const boot2 = fs.readFileSync(path.join(dir, 'build', 'boot2.bin'));
    assert.equal(boot2.length, 256);
    assert.equal(crc32Mpeg2(boot2.subarray(0, 252)), boot2.readUInt32LE(252));
    assert.equal(crc32Mpeg2(Buffer.from('123456789')), 0x0376e6e7);
  });

  it('compiles the Arduino port (PlatformIO nano33 build) against a stub Arduino.h, and every port file on its own', () => {
    const port = path.join(ROOT, 'micro-runtime', 'port');
    const stub = path.join(ROOT, 'test', 'fixtures', 'port', 'arduino-stub');
    const nano = getBoard('nano33');
    tool('arm-none-eabi-g++', [...nano.cflags, '-Os', '-Wall', '-Wextra', '-Werror', '-DPORT_ARDUINO', `-I${stub}`, `-I${port}`, '-c', path.join(port, 'port_arduino.cpp'), '-o', path.join(work, 'port_arduino.o')], work);
    // Under PORT_ARDUINO the bare-metal files compile to nothing but the file-I/O stubs.
    for (const f of ['startup.c', 'port_common.c', 'port_nrf.c', 'port_qemu.c']) {
      tool('arm-none-eabi-gcc', [...nano.cflags, '-std=c99', '-Os', '-Wall', '-Wextra', '-Werror', '-DPORT_ARDUINO', `-I${port}`, '-c', path.join(port, f), '-o', path.join(work, `${f}.o`)], work);
    }
    const syms = tool('arm-none-eabi-nm', [path.join(work, 'startup.c.o'), path.join(work, 'port_common.c.o')], work);
    assert.doesNotMatch(syms, /Reset_Handler|port_stack_used/);
    assert.match(syms, /T port_read_file/);
  });

  it('host: the generic app with port_host.c builds with cc and prints the same outputs', function () {
    if (!hasTool('cc')) this.skip();
    // The host target's own project (tinyml gen --board host) is templates/host; the generic app
    // and port_host.c are built here as the examples' host builds do (examples/common/hostbuild.py).
    const dir = path.join(work, 'host');
    writeFakeProject('mps2_an386', dir);
    fs.mkdirSync(path.join(dir, 'build'), { recursive: true });
    const cc = spawnSync('cc', [
      '-std=c99', '-O2', '-Wall', '-Wextra', '-Werror', '-Iruntime/include', '-Imodel', '-Iport',
      '-DPORT_HOST', '-DTINYML_BOARD="host"', '-DTINYML_VARIANT="host"',
      'model/fake_model.c', 'runtime/src/interpreter.c', 'app/main.c', rootPath('micro-runtime', 'port', 'port_host.c'),
      '-lm', '-o', 'build/firmware',
    ], { cwd: dir, encoding: 'utf8' });
    assert.equal(cc.status, 0, cc.stdout + cc.stderr);
    const r = spawnSync(path.join(dir, 'build', 'firmware'), [], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const o = parseAppOutput(r.stdout);
    assert.equal(o.board, 'host');
    assert.equal(o.variant, 'host');
    assert.deepEqual(o.outputs[0].values, FAKE_EXPECTED.y);
    assert.deepEqual(o.outputs[1].values, FAKE_EXPECTED.s);
    assert.equal(o.total?.unit, 'ns');
    assert.equal(o.stack, null);
    assert.equal(o.done, true);
  });
});

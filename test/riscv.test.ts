/**
 * RISC-V boards: hifive1 (SiFive HiFive1 Rev B, FE310-G002; QEMU sifive_e) and rv32_virt (QEMU
 * virt, the same E31 core model with room for larger models). Board data and generated files
 * always; builds and QEMU runs when riscv64-unknown-elf-gcc and qemu-system-riscv32 are installed.
 * (Keyword spotting and ResNet-8 on rv32_virt against the host build: firmware.test.ts.)
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { getBoard } from '../generator/src/boards';
import { rootPath } from '../generator/src/paths';
import { projectFiles } from '../generator/src/project';
import { parseAppOutput } from '../sim/protocol';
import { runQemu } from '../sim/qemu';
import { FAKE_EXPECTED, FAKE_SUMMARY, make, writeFakeProject } from './fixtures/port/fake';
import { cli, hasCommand, lines, sharedModel } from './helpers/env';

const RISCV_BOARDS = ['hifive1', 'rv32_virt'];

function text(files: Map<string, string | Buffer>, name: string): string {
  const v = files.get(name);
  assert.ok(v !== undefined, `${name} is generated`);
  return v.toString();
}

function haveRiscvTools(): boolean {
  return hasCommand('riscv64-unknown-elf-gcc') && hasCommand('qemu-system-riscv32') && hasCommand('make');
}

describe('RISC-V boards: data and generated files', () => {
  it('hifive1: FE310-G002, rv32imac, 4 MB flash after the 64 KB boot loader, 16 KB RAM, reference kernels', () => {
    const b = getBoard('hifive1');
    assert.equal(b.arch, 'riscv');
    assert.equal(b.core, 'rv32imac');
    assert.equal(b.mcu, 'FE310-G002');
    assert.equal(b.dsp, false);
    assert.equal(b.fpu, 'none');
    assert.deepEqual(b.cflags, ['-march=rv32imac', '-mabi=ilp32']);
    assert.deepEqual(b.flash, { origin: 0x20010000, size: 4 * 1024 * 1024 - 0x10000 });
    assert.deepEqual(b.ram, { origin: 0x80000000, size: 16 * 1024 });
    assert.equal(b.toolchain?.prefix, 'riscv64-unknown-elf-');
    assert.equal(b.portMacro, 'PORT_FE310');
    assert.equal(b.sim?.machine, 'sifive_e');
    assert.equal(b.sim?.machineOptions, 'revb=true');
    assert.equal(b.sim?.binary, 'qemu-system-riscv32');
    assert.equal(b.sim?.counter, 'instret');
    assert.deepEqual(b.platformio, { platform: 'sifive', board: 'hifive1-revb', framework: 'none' });
    assert.equal(b.renode?.platform, 'platforms/cpus/sifive-fe310.repl');
    assert.equal(b.renode?.uart, 'uart0');
    const v = getBoard('rv32_virt');
    assert.equal(v.kind, 'emulator');
    assert.equal(v.port, 'qemu_riscv');
    assert.equal(v.sim?.machine, 'virt');
    assert.equal(v.sim?.cpu, 'sifive-e31');
    assert.deepEqual(v.sim?.extraArgs, ['-bios', 'none']);
    assert.deepEqual(v.flash, { origin: 0x80000000, size: 8 * 1024 * 1024 });
    assert.deepEqual(v.ram, { origin: 0x80800000, size: 4 * 1024 * 1024 });
    assert.ok(v.notes.includes('16 KB') && v.notes.includes('-bios none'), 'says why virt and how');
  });

  it('hifive1 project: riscv64 Makefile, linker script with _start first, PlatformIO sifive, Renode FE310 without a vector table', () => {
    const f = projectFiles(getBoard('hifive1'), FAKE_SUMMARY);
    const mk = text(f, 'Makefile');
    assert.match(mk, /^CROSS\s+\?= riscv64-unknown-elf-$/m);
    assert.match(mk, /^QEMU\s+\?= qemu-system-riscv32$/m);
    assert.match(mk, /^CPUFLAGS := -march=rv32imac -mabi=ilp32$/m);
    assert.match(mk, /--specs=picolibc\.specs/);
    assert.doesNotMatch(mk, /nano\.specs/);
    assert.match(mk, /^BOARD_DEFS := -DPORT_FE310$/m);
    assert.match(mk, /^SIM_DEFS\s+:= -DPORT_QEMU_RISCV -DPORT_UART_BASE=0x10013000u /m);
    assert.match(mk, /-M sifive_e,revb=true -cpu sifive-e31 -nographic -icount shift=0/);
    for (const ld of ['linker/board.ld', 'linker/sim.ld']) {
      const s = text(f, ld);
      assert.match(s, /FLASH \(rx\)\s+: ORIGIN = 0x20010000, LENGTH = 0x003F0000/);
      assert.match(s, /RAM \(rwx\)\s+: ORIGIN = 0x80000000, LENGTH = 0x00004000/);
      assert.match(s, /KEEP\(\*\(\.text\.start\)\)/);
      assert.match(s, /__global_pointer\$ = \. \+ 0x800/);
      assert.doesNotMatch(s, /isr_vector/);
    }
    for (const p of ['port_riscv.c', 'startup_riscv.c', 'port_semihost.c', 'port_common.c']) assert.ok(f.has(`port/${p}`), p);
    for (const p of ['startup.c', 'port_qemu.c']) assert.ok(!f.has(`port/${p}`), `no Arm ${p}`);
    const ini = text(f, 'platformio.ini');
    assert.match(ini, /^platform = sifive$/m);
    assert.match(ini, /^board = hifive1-revb$/m);
    assert.match(ini, /^board_build\.ldscript = linker\/board\.ld$/m);
    assert.match(ini, /-DPORT_FE310/);
    assert.match(text(f, 'pio_linkflags.py'), /"-march=rv32imac", "-mabi=ilp32"/);
    const resc = text(f, 'renode/hifive1.resc');
    assert.match(resc, /LoadPlatformDescription @platforms\/cpus\/sifive-fe310\.repl/);
    assert.doesNotMatch(resc, /VectorTableOffset/);
    assert.match(resc, /^sysbus Tag <0x10008004 4> "PRCI_HFXOSCCFG" 0xFFFFFFFF$/m);
    assert.match(resc, /showAnalyzer sysbus\.uart0/);
    const robot = text(f, 'renode/hifive1.robot');
    assert.doesNotMatch(robot, /VectorTableOffset/);
    assert.match(robot, /Execute Command\s+sysbus Tag <0x10008008 4> "PRCI_PLLCFG" 0xFFFFFFFF/);
    assert.match(robot, /\$\{UART\}\s+sysbus\.uart0/);
    assert.match(text(f, '.github/workflows/renode.yml'), /apt-get install .* gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf make/);
    assert.match(text(f, 'README.md'), /mcycle/);
  });

  it('rv32_virt project: the 16550 console, -bios none, no PlatformIO or Renode', () => {
    const f = projectFiles(getBoard('rv32_virt'), FAKE_SUMMARY);
    const mk = text(f, 'Makefile');
    assert.match(mk, /^BOARD_DEFS := -DPORT_QEMU_RISCV -DPORT_UART_BASE=0x10000000u -DPORT_UART_NS16550 /m);
    assert.match(mk, /-M virt -cpu sifive-e31 -bios none -nographic -icount shift=0/);
    assert.match(text(f, 'linker/sim.ld'), /FLASH \(rx\)\s+: ORIGIN = 0x80000000, LENGTH = 0x00800000/);
    assert.ok(!f.has('platformio.ini') && !f.has('renode/rv32_virt.resc'));
  });

  it('hifive1 refuses keyword spotting before writing anything, with both byte counts', function () {
    const kws = sharedModel('mlperf_kws_ref_model.tflite');
    if (!kws) this.skip();
    const out = path.join(os.tmpdir(), `tinyml-rv-refuse-${process.pid}`);
    const r = cli(['gen', '--board', 'hifive1', '--model', kws!, '--out', out]);
    assert.equal(r.status, 1);
    assert.equal(lines(r.stderr).length, 1, r.stderr);
    assert.match(r.stderr, /^tinyml: mlperf_kws_ref_model\.tflite does not fit hifive1: RAM is over by 2,176 bytes \(needs about 18,560: arena 16,000, stack 2,048, other 512; hifive1 has 16,384\)$/m);
    assert.ok(!fs.existsSync(out));
  });
});

describe('RISC-V boards: built and run in QEMU', function () {
  this.timeout(600000);
  let work = '';
  const built = new Set<string>();

  before(function () {
    if (!haveRiscvTools()) this.skip();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-riscv-'));
  });
  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  function fakeProject(id: string, target: 'sim' | 'all'): string {
    const dir = path.join(work, `fake-${id}`);
    if (!fs.existsSync(dir)) writeFakeProject(id, dir);
    if (!built.has(`${id}:${target}`)) {
      make(dir, [target]);
      built.add(`${id}:${target}`);
    }
    return dir;
  }

  function runSim(id: string, dir: string, args: string[] = []) {
    const s = getBoard(id).sim!;
    return runQemu({
      elf: path.join(dir, 'build', 'sim.elf'), machine: s.machine, machineOptions: s.machineOptions, cpu: s.cpu,
      extraArgs: s.extraArgs, qemu: s.binary, args, cwd: dir, timeoutMs: 60000,
    });
  }

  for (const id of RISCV_BOARDS) {
    it(`${id}: the fake model in QEMU ${getBoard(id).sim?.machine}: expected outputs, repeatable minstret counts, measured stack`, async () => {
      const dir = fakeProject(id, 'sim');
      const r1 = await runSim(id, dir);
      const r2 = await runSim(id, dir);
      assert.equal(r1.exitCode, 0, r1.uart);
      const o1 = parseAppOutput(r1.uart);
      const o2 = parseAppOutput(r2.uart);
      assert.equal(o1.board, id);
      assert.equal(o1.variant, 'sim');
      assert.deepEqual(o1.outputs[0].values, FAKE_EXPECTED.y);
      assert.deepEqual(o1.outputs[1].values, FAKE_EXPECTED.s);
      assert.deepEqual(o1.ops.map((o) => o.name), ['ADD_ONE', 'ADD', 'SUM']);
      assert.equal(o1.total?.unit, 'instructions');
      assert.ok(o1.total!.count > 0);
      assert.equal(o2.total?.count, o1.total!.count, 'the same count on a second run');
      assert.deepEqual(o2.ops, o1.ops);
      // Exact counts: the ops (each measured by the profile hook) add up to no more than the total.
      const sum = o1.ops.reduce((s, o) => s + o.count, 0);
      assert.ok(sum <= o1.total!.count && o1.total!.count - sum < 200, `ops ${sum}, total ${o1.total!.count}`);
      assert.ok(o1.stack !== null && o1.stack.bytes > 64 && o1.stack.bytes < 2048 && !o1.stack.overflow, JSON.stringify(o1.stack));
      assert.equal(o1.done, true);
      assert.deepEqual(o1.errors, []);
      console.log(`      ${id}: total ${o1.total!.count} instructions (ops ${o1.ops.map((o) => o.count).join(', ')}), stack ${o1.stack.bytes} bytes`);
    });
  }

  it('hifive1 (sifive_e): --input and --output files and the exit codes through RISC-V semihosting', async () => {
    const dir = fakeProject('hifive1', 'sim');
    fs.writeFileSync(path.join(dir, 'a.bin'), Buffer.alloc(8, 1));
    fs.writeFileSync(path.join(dir, 'b.bin'), Buffer.from(Int8Array.from([127, 0, 0, 0, 0, 0, 0, -128]).buffer));
    fs.writeFileSync(path.join(dir, 'short.bin'), Buffer.alloc(7, 1));
    const ok = await runSim('hifive1', dir, ['--input', 'a.bin', '--input', 'b.bin', '--output', 'y.bin', '--output', 's.bin']);
    assert.equal(ok.exitCode, 0, ok.uart);
    const y = [127, 2, 2, 2, 2, 2, 2, -126];
    assert.deepEqual(parseAppOutput(ok.uart).outputs[0].values, y);
    assert.deepEqual([...new Int8Array(fs.readFileSync(path.join(dir, 'y.bin')))], y);
    const s = fs.readFileSync(path.join(dir, 's.bin'));
    assert.deepEqual([s.readFloatLE(0), s.readFloatLE(4)], [13, 1.625]);
    const short = await runSim('hifive1', dir, ['--input', 'short.bin', '--input', 'b.bin']);
    assert.equal(short.exitCode, 2);
    assert.deepEqual(parseAppOutput(short.uart).errors, ["input file 'short.bin' has 7 bytes, input 0 needs 8"]);
  });

  it('builds the board firmware warning-free, _start at the address the boot code jumps to', () => {
    for (const id of RISCV_BOARDS) {
      const dir = fakeProject(id, 'all');
      const elf = path.join(dir, 'build', 'firmware.elf');
      const nm = spawnSync('riscv64-unknown-elf-nm', [elf], { encoding: 'utf8' }).stdout;
      const start = /^([0-9a-f]{8}) T _start$/m.exec(nm);
      assert.ok(start, `${id}: _start`);
      assert.equal(parseInt(start[1], 16), getBoard(id).flash!.origin, id);
      const hdr = spawnSync('riscv64-unknown-elf-readelf', ['-h', '-A', elf], { encoding: 'utf8' }).stdout;
      assert.match(hdr, /Class:\s+ELF32/);
      assert.match(hdr, /Tag_RISCV_arch: "rv32i2p\d_m2p0_a2p\d_c2p0/);
    }
  });

  it('compiles every runtime source (reference and DSP kernels, interpreter) for rv32imac with -Wall -Wextra -Werror', () => {
    const src = rootPath('micro-runtime', 'src');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (e.name.endsWith('.c')) files.push(path.join(d, e.name));
      }
    };
    walk(src);
    assert.ok(files.length > 40);
    const tc = getBoard('hifive1').toolchain!;
    for (const f of files) {
      const r = spawnSync('riscv64-unknown-elf-gcc', [...getBoard('hifive1').cflags, ...tc.compileFlags, '-std=c99', '-Os', '-Wall', '-Wextra', '-Werror',
        `-I${rootPath('micro-runtime', 'include')}`, '-c', f, '-o', path.join(work, 'k.o')], { encoding: 'utf8' });
      assert.equal(r.status, 0, `${path.relative(src, f)}: ${r.stderr}`);
    }
  });

  for (const name of ['tflm_hello_world_int8.tflite', 'tflm_hello_world_float.tflite']) {
    for (const id of RISCV_BOARDS) {
      it(`${name} on ${id}: gen, build, sim; the output bytes are the host build's (tinyml run)`, function () {
        const model = sharedModel(name);
        if (!model) this.skip();
        const input = path.join(work, `${name}.in.bin`);
        const hostOut = path.join(work, `${name}.host.bin`);
        if (!fs.existsSync(hostOut)) {
          const b = Buffer.alloc(name.includes('float') ? 4 : 1);
          if (name.includes('float')) b.writeFloatLE(1.2345, 0);
          else b.writeInt8(-37, 0);
          fs.writeFileSync(input, b);
          const h = cli(['run', model!, '--input', input, '--output', hostOut]);
          assert.equal(h.status, 0, h.stderr);
        }
        const dir = path.join(work, `${id}-${name}`);
        const g = cli(['gen', '--board', id, '--model', model!, '--out', dir]);
        assert.equal(g.status, 0, g.stderr);
        assert.match(g.stdout, /rv32imac, reference kernels/);
        assert.match(g.stdout, /riscv64-unknown-elf-gcc/);
        const bl = cli(['build', dir, '--json']);
        assert.equal(bl.status, 0, bl.stderr);
        const rep = JSON.parse(bl.stdout) as { flash: { used: number; budget: number }; ram: { used: number; budget: number }; stack: { measured: number } };
        assert.ok(rep.flash.used > 1000 && rep.flash.used < rep.flash.budget);
        assert.ok(rep.ram.used < rep.ram.budget && rep.stack.measured > 64);
        const out = path.join(work, `${id}-${name}.out.bin`);
        const r = cli(['sim', dir, '--input', input, '--output', out, '--json']);
        assert.equal(r.status, 0, r.stderr);
        assert.deepEqual(fs.readFileSync(out), fs.readFileSync(hostOut));
        const j = JSON.parse(r.stdout) as { unit: string; instructions: number; instructionsPerMac: number };
        assert.equal(j.unit, 'instructions');
        assert.ok(j.instructions > 100 && j.instructionsPerMac > 1, r.stdout);
      });
    }
  }

  it('keyword spotting on rv32_virt: the human report gives instructions per inference and per MAC', function () {
    const kws = sharedModel('mlperf_kws_ref_model.tflite');
    if (!kws) this.skip();
    const dir = path.join(work, 'rv32_virt-kws');
    assert.equal(cli(['gen', '--board', 'rv32_virt', '--model', kws!, '--out', dir]).status, 0);
    const r = cli(['sim', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^mlperf_kws_ref_model on rv32_virt \(virt, rv32imac\)$/m);
    assert.match(r.stdout, /^[\d.]+ M instructions per inference \(\d+\), [\d.]+ per MAC over 2\.66 M MACs$/m);
    assert.match(r.stdout, /^output 0 int8\[1,12\]:( -?\d+){12}$/m);
    assert.match(r.stdout, /^stack: \d+ bytes peak \(measured\), arena 16000 bytes$/m);
  });
});

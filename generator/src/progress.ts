/** Progress for long steps: a bar on a terminal (cli-progress), plain lines otherwise (CI logs). */
import * as cliProgress from 'cli-progress';

export class Progress {
  private bar: cliProgress.SingleBar | null = null;
  private n = 0;

  constructor(private readonly title: string, private readonly total: number) {
    if (process.stderr.isTTY && !process.env.CI) {
      this.bar = new cliProgress.SingleBar({
        format: `${title} [{bar}] {value}/{total} {step}`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
      }, cliProgress.Presets.shades_classic);
      this.bar.start(total, 0, { step: '' });
    }
  }

  step(label: string): void {
    this.n++;
    if (this.bar) this.bar.update(this.n - 1, { step: label });
    else process.stderr.write(`${this.title}: ${this.n}/${this.total} ${label}\n`);
  }

  done(): void {
    if (this.bar) {
      this.bar.update(this.total, { step: '' });
      this.bar.stop();
    }
  }
}

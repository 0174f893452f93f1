// A one-line progress bar on stderr, drawn only when stderr is a terminal (stdout stays clean for results).

export class ProgressBar {
  private readonly enabled: boolean;
  private lastDraw = 0;

  constructor(private readonly label: string, stream: NodeJS.WriteStream = process.stderr) {
    this.enabled = !!stream.isTTY;
    this.stream = stream;
  }

  private readonly stream: NodeJS.WriteStream;

  update(done: number, total: number, detail = ''): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (done < total && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = 30;
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(frac * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    this.stream.write(`\r${this.label} ${bar} ${done}/${total} ${detail}\x1b[K`);
  }

  done(): void {
    if (this.enabled) this.stream.write('\n');
  }
}

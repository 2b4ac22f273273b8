/**
 * A progress bar on stderr, drawn only on a TTY and never in machine-output modes; throttled to
 * ten redraws a second and erased when done.
 */
export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

const WIDTH = 30;
const QUIET: Progress = { update() {}, done() {} };

export function createProgress(
  label: string,
  enabled: boolean,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (!enabled || !stream.isTTY) return QUIET;
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const share = total > 0 ? done / total : 1;
      const filled = Math.round(share * WIDTH);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${Math.floor(share * 100)}%`,
      );
      drawn = true;
    },
    done() {
      if (drawn) stream.write(`\r${' '.repeat(label.length + WIDTH + 10)}\r`);
    },
  };
}

// Preloaded into a child with `--import`: on exit, writes the process's peak resident set size in
// bytes to the file named by EMPREINTE_TEST_PEAK_RSS, so that a test can bound a real run's memory.
import { writeFileSync } from 'node:fs';

const out = process.env.EMPREINTE_TEST_PEAK_RSS;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS * 1024)));

import { spawnSync } from 'node:child_process';
import { englishIn } from './test/helpers/english.ts';
const cmds = [
  ['estimate', 'deployment', '--model', 'llama-3-8b', '--hardware', 'h100', '--requests-per-day', '1e6'],
  ['estimate', 'deployment', '--preset', 'customer-service', '--hardware', 'h100'],
  ['explore', '--params', '7e9,13e9', '--tokens', '2e12', '--hardware', 'h100,a100'],
  ['project', '--params', '7e9', '--tokens', '2e12', '--hardware', 'h100', '--year', '2030'],
  ['recommend', '--model', 'llama-3-70b'],
  ['recommend', '--params', '7e9', '--tokens', '2e12', '--hardware', 'h100', '--location', 'fr', '--trials', '10', '--precision', 'fp32'],
  ['compare', '--model', 'llama-3-70b'],
  ['estimate', 'training', '--model', 'llama-3-70b', '--sources'],
  ['estimate', 'inference', '--model', 'llama-3-8b', '--hardware', 'h100', '--sources'],
  ['calibrate', '--list'],
];
for (const c of cmds) {
  const r = spawnSync(process.execPath, ['dist/cli/main.js', ...c, '--lang', 'fr'], { encoding: 'utf8', env: { ...process.env, HOME: '/tmp/scan-home', EMPREINTE_DB: '/tmp/scan-home/db' } });
  const out = `${r.stdout}\n${r.stderr}`;
  const found = englishIn(out, c.filter((a) => !a.startsWith('--')));
  console.log(`## ${c.join(' ')} -> ${r.status}; ${found.length} lines`);
  for (const f of found.slice(0, 8)) console.log('   ', f.slice(0, 300));
}

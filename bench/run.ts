/** `npm run bench`: runs every bench/*.bench.ts in turn; each prints its own figures. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();

/**
 * The machine's CPU time so far, in seconds, from /proc/stat (null where there is none): busy (every
 * process), and stolen — time the hypervisor gave this virtual machine's cores to others. Figures on a
 * shared host move with its neighbours; printing the steal beside them says how quiet a run was.
 */
function cpuTimes(): { busy: number; steal: number } | null {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields as number[];
    const hz = 100; // USER_HZ on Linux
    return { busy: (user! + nice! + system! + irq! + softirq!) / hz, steal: steal! / hz };
  } catch {
    return null;
  }
}

let failures = 0;
for (const file of files) {
  process.stdout.write(`\n## ${file}\n`);
  const [before, startedAt] = [cpuTimes(), performance.now()];
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(benchDir, file)], { stdio: 'inherit' });
  if (result.status !== 0) failures += 1;
  const after = cpuTimes();
  if (before && after) {
    const seconds = (performance.now() - startedAt) / 1000;
    process.stdout.write(
      `(host during this benchmark: ${seconds.toFixed(1)} s, CPU busy ${(after.busy - before.busy).toFixed(1)} s, ` +
        `stolen by the hypervisor ${(after.steal - before.steal).toFixed(1)} s)\n`,
    );
  }
}
process.exit(failures === 0 ? 0 : 1);

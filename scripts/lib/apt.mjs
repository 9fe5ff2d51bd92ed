// Installs Debian packages when a command they provide is missing (CI runs as root on a
// fresh machine; `apt-get update` must come first there).
import { execFileSync, spawnSync } from 'node:child_process';

export function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

let updated = false;

export function ensurePackages(packages, { check }) {
  if (check()) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing ${packages.join(' ')}: install with sudo apt-get install -y ${packages.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (let attempt = 1; ; attempt++) {
    try {
      if (!updated) execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
      updated = true;
      execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
      break;
    } catch (error) {
      // dpkg may be locked by another apt run on a fresh machine; wait and try again.
      if (attempt >= 5) throw error;
      execFileSync('sleep', [String(5 * attempt)]);
    }
  }
  if (!check()) throw new Error(`installed ${packages.join(' ')} but it is still missing`);
}

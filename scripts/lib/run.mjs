// Runs a command with inherited output and resolves to its exit code.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * With `forwardSignals`, a stop signal sent to this process goes to the child instead of
 * killing this process and leaving the child running: the caller then waits for the child to
 * stop and gets its exit code. A child killed by a signal resolves to 128 + its number, as a
 * shell reports it.
 */
export function run(cmd, args, { cwd, env, forwardSignals = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    if (forwardSignals) for (const signal of FORWARDED) process.on(signal, forward);
    const done = (code) => {
      if (forwardSignals) for (const signal of FORWARDED) process.off(signal, forward);
      resolve(code);
    };
    child.on('exit', (code, signal) => done(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 0)));
    child.on('error', () => done(127));
  });
}

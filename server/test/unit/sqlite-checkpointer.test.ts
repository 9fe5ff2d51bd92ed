import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import ts from 'typescript';
import { SqliteCheckpointer } from '../../src/common/sqlite-checkpointer.js';

const until = async (what: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!what() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return what();
};

/** The WAL is copied back by the worker, not by the writer's commits, and the writer takes over if the worker stops. */
describe('SQLite checkpoints on a worker thread', () => {
  let dir: string;
  let db: Database.Database;
  let settings: number[];
  let checkpointer: SqliteCheckpointer;
  const warnings: string[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jifen-ckpt-'));
    db = new Database(join(dir, 'db.sqlite'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    settings = [];
    checkpointer = new SqliteCheckpointer(join(dir, 'db.sqlite'), (pages) => {
      settings.push(pages);
      db.pragma(`wal_autocheckpoint = ${pages}`);
    }, (m) => warnings.push(m));
  });
  afterEach(async () => {
    await checkpointer.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fileSize = () => statSync(join(dir, 'db.sqlite')).size;
  const write = (rows: number) => {
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < rows; i++) insert.run('x'.repeat(1000)); // one commit each
  };

  it('turns the writer’s own checkpoints off; the worker copies the WAL into the file as it stops', async () => {
    await checkpointer.start(60_000); // its timer does not fire during this test
    expect(settings).toEqual([0]);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = fileSize();
    write(3000); // ~3 MB of WAL: past SQLite's 1,000-page automatic checkpoint, were it on
    expect(fileSize()).toBe(before);
    await checkpointer.stop();
    expect(fileSize()).toBeGreaterThan(before + 2_000_000);
    expect(settings).toEqual([0, 1000]);
    expect(warnings).toEqual([]);
  });

  it('checkpoints on its timer while the writer writes', async () => {
    await checkpointer.start(50);
    const before = fileSize();
    write(3000);
    expect(await until(() => fileSize() > before + 2_000_000, 5000)).toBe(true);
  });

  it('gives the checkpoints back to the writer when the worker dies', async () => {
    await checkpointer.start(50);
    // The worker ends as a crash would (not through stop).
    const worker = (checkpointer as unknown as { worker: { terminate(): Promise<number> } }).worker;
    await worker.terminate();
    expect(await until(() => settings.length === 2, 2000)).toBe(true);
    expect(settings).toEqual([0, 1000]);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(warnings.at(-1)).toMatch(/exited/);
  });

  it('stops in a process that nothing else keeps alive (as at shutdown), with its last checkpoint', () => {
    // The worker is unref'd while it runs; a stop that let the event loop empty would end the
    // process before the worker's last checkpoint, and an awaited stop would never return.
    const here = dirname(fileURLToPath(import.meta.url));
    const source = readFileSync(resolve(here, '../../src/common/sqlite-checkpointer.ts'), 'utf8');
    writeFileSync(join(dir, 'checkpointer.mjs'), ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText);
    writeFileSync(join(dir, 'main.mjs'), `
      import { statSync } from 'node:fs';
      import { SqliteCheckpointer } from './checkpointer.mjs';
      const Database = (await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
      const file = ${JSON.stringify(join(dir, 'db.sqlite'))};
      const db = new Database(file);
      const c = new SqliteCheckpointer(file, (pages) => db.pragma('wal_autocheckpoint = ' + pages), console.error);
      await c.start(60000);
      const before = statSync(file).size;
      const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
      for (let i = 0; i < 1000; i++) insert.run('x'.repeat(1000));
      await c.stop();
      console.log('stopped', statSync(file).size > before + 500000);
    `);
    // NODE_PATH: the copy in the temp dir resolves the driver as the real one does.
    const modules = resolve(here, '../../../node_modules');
    const out = execFileSync(process.execPath, [join(dir, 'main.mjs')], { env: { ...process.env, NODE_PATH: modules }, encoding: 'utf8', timeout: 20_000 });
    expect(out.trim()).toBe('stopped true');
  });
});

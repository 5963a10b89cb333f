// Reads the first sheet of an XLSX back as rows of strings (shared and inline strings, numbers
// as written), with unzip: enough to check what an export holds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function readXlsx(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'xlsx-read-'));
  const file = join(dir, 'x.xlsx');
  writeFileSync(file, bytes);
  const sheet = spawnSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
  const sst = spawnSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout || '';
  rmSync(dir, { recursive: true, force: true });
  const dec = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const shared = [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    dec([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  return [...sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((row) =>
    [...row[1].matchAll(/<c([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].map((c) => {
      const attrs = c[1];
      const body = c[2] || '';
      const v = (body.match(/<v>([\s\S]*?)<\/v>/) || [])[1];
      if (/t="s"/.test(attrs)) return shared[Number(v)];
      if (/t="inlineStr"/.test(attrs)) return dec((body.match(/<t[^>]*>([\s\S]*?)<\/t>/) || [])[1] || '');
      return v === undefined ? '' : dec(v);
    }));
}

#!/usr/bin/env node
// Adds to package-lock.json the platform-specific optional packages (rollup's
// @rollup/rollup-<os>-<cpu>[-<libc>]) that `npm install` left out because the registry in
// use does not carry them. With those entries `npm ci` accepts the lock everywhere, and npm
// skips each one on machines whose os/cpu/libc it does not fit. Run: npm run lock:platforms
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const path = fileURLToPath(new URL('../package-lock.json', import.meta.url));
const lock = JSON.parse(readFileSync(path, 'utf8'));
const pkgs = lock.packages;
const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'sunos', 'aix', 'netbsd'];

// "@rollup/rollup-linux-arm-musleabihf" → {os: linux, cpu: arm, libc: musl}
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const i = parts.findIndex((p) => OS.includes(p));
  if (i < 0 || i + 1 >= parts.length) return null;
  const os = parts[i];
  const cpu = parts[i + 1];
  const rest = parts.slice(i + 2).join('-');
  const libc = os !== 'linux' ? null : rest.startsWith('musl') ? 'musl' : rest.startsWith('gnu') ? 'glibc' : null;
  return { os, cpu, libc };
}

let added = 0;
for (const [key, meta] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies || {})) {
    const depKey = `node_modules/${dep}`;
    if (pkgs[depKey] || pkgs[`${key}/node_modules/${dep}`]) continue;
    const p = platformOf(dep);
    if (!p) continue;
    pkgs[depKey] = {
      version,
      cpu: [p.cpu],
      ...(meta.dev ? { dev: true } : {}),
      ...(p.libc ? { libc: [p.libc] } : {}),
      optional: true,
      os: [p.os],
    };
    added++;
  }
}
// npm's order: the root first, then by path.
const sorted = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))));
lock.packages = sorted;
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
console.log(`lock-platforms: ${added} entr${added === 1 ? 'y' : 'ies'} added`);

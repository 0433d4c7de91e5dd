#!/usr/bin/env bash
# Publish readiness of the @croloss/* packages, run from the repository root after `npm install` and
# `npx turbo run build --filter=./packages/*`:
#   (a) `changeset status` accepts the pending changesets;
#   (b) `changeset version`, run in a throwaway copy, bumps every package of the release plan and writes its
#       CHANGELOG entry, and leaves the real tree untouched;
#   (c) `npm pack --dry-run` of each publishable package holds the built entry points, README.md, LICENSE and
#       package.json and no sources or tests (prints a size table);
#   (d) TypeDoc builds the API reference from the JSDoc without warnings, and docs/api matches it;
#   (e) publint --strict and are-the-types-wrong (attw --pack) find no problem in any package;
#   (f) no built file of a publishable package imports the private @croloss/internal (tsup bundles it in).
# Every check prints `ok: ...` or `FAIL: ...`; the last line is `N passed, N failed`; exits 1 if any failed.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0; failed=0

ok() { echo "ok: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
tally() { # echo a node check's output and count its ok:/FAIL: lines; $2 is its exit status
  local out=$1 rc=$2 p f
  cat "$out"
  p=$(grep -c '^ok: ' "$out" || true); f=$(grep -c '^FAIL: ' "$out" || true)
  passed=$((passed + p)); failed=$((failed + f))
  if [[ $rc != 0 && $f == 0 ]]; then fail "$3 crashed (exit $rc)"; fi
}

# The publishable packages: packages/*/package.json without "private": true, as `dir name version` lines.
node - >"$work/packages.txt" <<'EOF'
const fs = require('node:fs');
for (const dir of fs.readdirSync('packages').sort()) {
  const file = `packages/${dir}/package.json`;
  if (!fs.existsSync(file)) continue;
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (pkg.private !== true) console.log(`packages/${dir} ${pkg.name} ${pkg.version}`);
}
EOF
mapfile -t names < <(cut -d' ' -f2 "$work/packages.txt")
echo "== publishable packages: ${names[*]}"

echo "== (a) changeset status =="
if npx changeset status --output "$work/status.json" >"$work/status.log" 2>&1; then
  ok "changeset status exits 0 ($(node -e 'console.log(require(process.argv[1]).releases.filter((r) => r.type !== "none").length)' "$work/status.json") packages to release)"
else
  cat "$work/status.log"; fail "changeset status exits non-zero"
fi
[[ -s $work/status.json ]] || echo '{"changesets":[],"releases":[]}' >"$work/status.json"

echo "== (b) changeset version in a throwaway copy =="
# The files changeset version reads or writes: the root and workspace package.json files, the CHANGELOGs, .changeset/.
watched() { ls package.json .changeset/* packages/*/package.json packages/*/CHANGELOG.md examples/*/package.json 2>/dev/null; }
fingerprint() { watched | xargs sha256sum; git status --porcelain -- $(watched); }
fingerprint >"$work/before.txt"
copy=$work/version
mkdir -p "$copy"
cp package.json "$copy/"
cp -R .changeset "$copy/"
for dir in packages/* examples/*; do
  [[ -f $dir/package.json ]] || continue
  mkdir -p "$copy/$dir"
  cp "$dir/package.json" "$copy/$dir/"
  if [[ -f $dir/CHANGELOG.md ]]; then cp "$dir/CHANGELOG.md" "$copy/$dir/"; fi
done
ln -s "$root/node_modules" "$copy/node_modules"
if (cd "$copy" && npx changeset version) >"$work/version.log" 2>&1; then
  rc=0
  node - "$copy" "$work/status.json" "$work/packages.txt" >"$work/version.txt" 2>&1 <<'EOF' || rc=$?
const fs = require('node:fs');
const [copy, statusFile, listFile] = process.argv.slice(2);
const plan = new Map(JSON.parse(fs.readFileSync(statusFile, 'utf8')).releases.map((r) => [r.name, r]));
const rows = fs.readFileSync(listFile, 'utf8').trim().split('\n').map((l) => l.split(' '));
const after = new Map(rows.map(([dir, name]) => [name, JSON.parse(fs.readFileSync(`${copy}/${dir}/package.json`, 'utf8'))]));
for (const [dir, name, before] of rows) {
  const pkg = after.get(name);
  const changelog = fs.existsSync(`${copy}/${dir}/CHANGELOG.md`) ? fs.readFileSync(`${copy}/${dir}/CHANGELOG.md`, 'utf8') : '';
  const released = fs.existsSync(`${dir}/CHANGELOG.md`) && /^## \d/m.test(fs.readFileSync(`${dir}/CHANGELOG.md`, 'utf8'));
  const release = plan.get(name);
  const problems = [];
  if (!release || release.type === 'none') {
    if (!released) problems.push('never released but not in the release plan (add a changeset)');
    if (pkg.version !== before) problems.push(`version changed ${before} -> ${pkg.version} without a release`);
    if (problems.length) console.log(`FAIL: changeset version ${name}: ${problems.join('; ')}`);
    else console.log(`ok: changeset version leaves ${name} ${before} (not in the release plan)`);
    continue;
  }
  if (pkg.version !== release.newVersion) problems.push(`version ${pkg.version}, release plan says ${release.newVersion}`);
  if (pkg.version === before) problems.push(`version not bumped from ${before}`);
  const heading = `## ${release.newVersion}`;
  if (!changelog.split('\n').some((l) => l.trim() === heading)) problems.push(`CHANGELOG.md has no "${heading}" entry`);
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, range] of Object.entries(pkg[field] ?? {})) {
      const target = after.get(dep);
      if (target && !range.includes(target.version)) problems.push(`${field}.${dep} is ${range}, not ${target.version}`);
    }
  }
  if (problems.length) console.log(`FAIL: changeset version ${name}: ${problems.join('; ')}`);
  else console.log(`ok: changeset version bumps ${name} ${before} -> ${pkg.version} (${release.type}) with a CHANGELOG entry`);
}
EOF
  tally "$work/version.txt" "$rc" "the changeset version check"
else
  cat "$work/version.log"; fail "changeset version exits non-zero in the copy"
fi
fingerprint >"$work/after.txt"
if cmp -s "$work/before.txt" "$work/after.txt"; then
  ok "changeset version left the real tree untouched"
else
  diff "$work/before.txt" "$work/after.txt" || true; fail "the real tree changed during the changeset version check"
fi

echo "== (c) npm pack --dry-run =="
workspaces=(); for name in "${names[@]}"; do workspaces+=(--workspace "$name"); done
if npm pack --dry-run --json "${workspaces[@]}" >"$work/pack.json" 2>"$work/pack.log"; then
  rc=0
  node - "$work/pack.json" "$work/packages.txt" >"$work/pack.txt" 2>&1 <<'EOF' || rc=$?
const fs = require('node:fs');
const [packFile, listFile] = process.argv.slice(2);
const packs = new Map(JSON.parse(fs.readFileSync(packFile, 'utf8')).map((p) => [p.name, p]));
const rows = fs.readFileSync(listFile, 'utf8').trim().split('\n').map((l) => l.split(' '));
const required = ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'README.md', 'LICENSE', 'package.json'];
const table = [];
// Every file path the manifest points at: main, module, types and each exports target.
const targets = (pkg) => {
  const out = [pkg.main, pkg.module, pkg.types];
  const walk = (v) => (typeof v === 'string' ? out.push(v) : v && typeof v === 'object' && Object.values(v).forEach(walk));
  walk(pkg.exports);
  return out.filter(Boolean).map((p) => p.replace(/^\.\//, ''));
};
for (const [dir, name] of rows) {
  const pack = packs.get(name);
  if (!pack) { console.log(`FAIL: npm pack ${name}: no result`); continue; }
  const pkg = JSON.parse(fs.readFileSync(`${dir}/package.json`, 'utf8'));
  const files = new Set(pack.files.map((f) => f.path));
  const problems = [];
  const missing = [...new Set([...required, ...targets(pkg)])].filter((f) => !files.has(f));
  if (missing.length) problems.push(`missing ${missing.join(', ')}`);
  const stray = [...files].filter((f) => f.startsWith('src/') || /\.(test|spec)\.[cm]?[jt]sx?$/.test(f) || /(^|\/)(tsconfig[^/]*\.json|[^/]*\.tsbuildinfo|\.turbo\/.*)$/.test(f));
  if (stray.length) problems.push(`should not ship ${stray.slice(0, 5).join(', ')}${stray.length > 5 ? ', ...' : ''}`);
  if (!pkg.engines?.node) problems.push('no engines.node');
  if (!pkg.license) problems.push('no license');
  if (problems.length) console.log(`FAIL: npm pack ${name}: ${problems.join('; ')}`);
  else console.log(`ok: npm pack ${name}: ${pack.entryCount} files, entry points, README.md, LICENSE, no sources or tests`);
  table.push([name, (pack.size / 1000).toFixed(1), (pack.unpackedSize / 1000).toFixed(1), String(pack.entryCount)]);
}
const head = ['package', 'packed kB', 'unpacked kB', 'files'];
const width = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  ');
console.log(line(head));
for (const r of table) console.log(line(r));
EOF
  tally "$work/pack.txt" "$rc" "the npm pack check"
else
  cat "$work/pack.log"; fail "npm pack --dry-run exits non-zero"
fi

echo "== (d) TypeDoc API reference =="
if npx typedoc --out "$work/api" --treatWarningsAsErrors >"$work/typedoc.log" 2>&1; then
  ok "typedoc builds the API reference from the JSDoc with no warnings"
  if diff -r "$work/api" docs/api >"$work/api.diff" 2>&1; then
    ok "docs/api is up to date"
  else
    head -40 "$work/api.diff"; fail "docs/api is stale: run npm run docs:api"
  fi
else
  cat "$work/typedoc.log"; fail "typedoc reports errors or warnings"
fi

echo "== (e) publint and are-the-types-wrong =="
while read -r dir name _; do
  if npx publint --strict "$dir" >"$work/publint.log" 2>&1; then
    ok "publint --strict $name: $(grep -v '^npm warn' "$work/publint.log" | tail -1)"
  else
    cat "$work/publint.log"; fail "publint --strict $name reports problems"
  fi
  # Exports of static assets (e.g. @croloss/data's embedded data set) are files, not modules: attw does not check them.
  assets=$(node -e 'const e = require(process.argv[1]).exports ?? {}; console.log(Object.keys(e).filter((k) => typeof e[k] === "string" && !/\.(c|m)?js$|\.json$/.test(e[k])).join(" "))' "$PWD/$dir/package.json")
  if (cd "$dir" && npx attw --pack . --format table-flipped ${assets:+--exclude-entrypoints $assets}) >"$work/attw.log" 2>&1; then
    ok "are-the-types-wrong $name: no problems (node10, node16 CJS and ESM, bundler)"
  else
    cat "$work/attw.log"; fail "are-the-types-wrong $name reports problems"
  fi
done <"$work/packages.txt"

echo "== (f) @croloss/internal is bundled, never imported =="
while read -r dir name _; do
  if grep -lE "(from|require\\()[[:space:]]*['\"]@croloss/internal['\"]" "$dir"/dist/*.js "$dir"/dist/*.cjs "$dir"/dist/*.d.ts "$dir"/dist/*.d.cts >"$work/internal.log" 2>/dev/null; then
    fail "$name: $(tr '\n' ' ' <"$work/internal.log")import @croloss/internal (not published)"
  else
    ok "$name: no built file imports @croloss/internal"
  fi
done <"$work/packages.txt"

echo "$passed passed, $failed failed"
[[ $failed == 0 ]]

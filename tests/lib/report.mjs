// The line every suite ends with, summed by scripts/test-all.sh into the final total.
export function reportLine(suite, passed, failed) {
  return `RESULT ${suite}: ${passed} passed, ${failed} failed`;
}

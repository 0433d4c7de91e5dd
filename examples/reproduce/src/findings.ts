/** The paper's claims checked on the grid's results (who beats whom, by how much). */
import { configId, type GridKernel } from './grid';
import { bestConfig, meanStd, type ConfigSummary, type Stat } from './summary';
import { SELECTION_N, TABLE_NS } from './tables';

/** Whether a claim holds on these results; `inconclusive` when a deciding difference is within the noise of {@link compareConfigs}. */
export type Verdict = boolean | 'inconclusive';

/** One evaluated claim of the paper. */
export interface Finding {
  id: 'C1' | 'C2' | 'C3' | 'C4';
  claim: string;
  holds: Verdict;
  /** The numbers behind the verdict, one line each (Recall in percent points). */
  numbers: string[];
}

/** Outcome of `a` vs `b`: the difference of means and whether it exceeds the noise max(std_a, std_b). */
export function compareStats(a: Stat, b: Stat): { diff: number; noise: number; outcome: 'better' | 'worse' | 'tie' } {
  const diff = a.mean - b.mean;
  const noise = Math.max(a.std, b.std);
  return { diff, noise, outcome: diff > noise ? 'better' : diff < -noise ? 'worse' : 'tie' };
}

/**
 * Outcome of configuration `a` vs `b` at Recall@`n`. Each seed is one user split shared by every configuration, so
 * with two or more common seeds the comparison is paired: diff = mean over seeds of (a_s - b_s), noise = the sample
 * std of those differences (the split-to-split variation cancels). With fewer common seeds it falls back to
 * {@link compareStats} on the unpaired means and stds.
 *
 * @example
 * compareConfigs(summaries.get('croloss-sigmoid-a1.0')!, summaries.get('softmax')!, 100).outcome; // 'better'
 */
export function compareConfigs(a: ConfigSummary, b: ConfigSummary, n: number): { diff: number; noise: number; outcome: 'better' | 'worse' | 'tie'; paired: boolean } {
  const common = a.seeds.filter((seed) => b.seeds.includes(seed));
  if (common.length < 2 || !a.values?.[n] || !b.values?.[n]) return { ...compareStats(a.recall[n], b.recall[n]), paired: false };
  const d = meanStd(common.map((seed) => a.values[n][a.seeds.indexOf(seed)] - b.values[n][b.seeds.indexOf(seed)]));
  return { diff: d.mean, noise: d.std, outcome: d.mean > d.std ? 'better' : d.mean < -d.std ? 'worse' : 'tie', paired: true };
}

const pp = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}`;
const pct = (s: Stat) => `${(100 * s.mean).toFixed(2)} ± ${(100 * s.std).toFixed(2)}`;

/** true if every comparison is 'better', false if any is 'worse', else inconclusive. */
function allBetter(outcomes: string[]): Verdict {
  if (outcomes.some((o) => o === 'worse')) return false;
  return outcomes.every((o) => o === 'better') ? true : 'inconclusive';
}

function missing(id: Finding['id'], claim: string, what: string): Finding {
  return { id, claim, holds: 'inconclusive', numbers: [`not enough results: ${what}`] };
}

/** C1: the best CROLoss (by mean Recall@100) beats softmax, triplet and BPR at every N. */
export function claimC1(summaries: Map<string, ConfigSummary>, ns: number[] = TABLE_NS): Finding {
  const claim = 'The best CROLoss beats softmax cross-entropy, triplet and BPR at every N (Table 2).';
  const best = bestConfig(summaries, (s) => s.cell.loss.kind === 'croloss', SELECTION_N);
  const baselines = ['softmax', 'triplet', 'bpr'].map((id) => summaries.get(id)).filter((s): s is ConfigSummary => !!s);
  if (!best || baselines.length < 3) return missing('C1', claim, 'needs softmax, triplet, bpr and at least one CROLoss configuration');
  const outcomes: string[] = [];
  const numbers = [`best CROLoss by mean R@${SELECTION_N}: ${best.config}`];
  for (const base of baselines) {
    const parts = ns.filter((n) => best.recall[n] && base.recall[n]).map((n) => {
      const c = compareConfigs(best, base, n);
      outcomes.push(c.outcome);
      return `R@${n} ${pp(c.diff)} (±${(100 * c.noise).toFixed(2)})`;
    });
    numbers.push(`vs ${base.config}: ${parts.join(', ')}`);
  }
  return { id: 'C1', claim, holds: allBetter(outcomes), numbers };
}

/**
 * C2: a larger alpha favours small N: with the sigmoid kernel, the best alpha at N = 50 is larger than the
 * best alpha at N = 500. Inconclusive when either winner's lead is within the paired noise ({@link compareConfigs}).
 */
export function claimC2(summaries: Map<string, ConfigSummary>, alphas: number[], small = 50, large = 500): Finding {
  const claim = `A larger alpha favours small N: with the sigmoid kernel the best alpha at N=${small} exceeds the best alpha at N=${large} (Table 3, Figure 4).`;
  const rows = alphas
    .map((alpha) => ({ alpha, s: summaries.get(configId({ kind: 'croloss', kernel: 'sigmoid', alpha })) }))
    .filter((r): r is { alpha: number; s: ConfigSummary } => !!r.s && !!r.s.recall[small] && !!r.s.recall[large]);
  if (rows.length < 2) return missing('C2', claim, `needs the sigmoid kernel at two alphas or more with R@${small} and R@${large}`);
  const argmax = (n: number) => rows.reduce((a, b) => (b.s.recall[n].mean > a.s.recall[n].mean ? b : a));
  const atSmall = argmax(small);
  const atLarge = argmax(large);
  const numbers = [
    ...rows.map((r) => `α=${r.alpha.toFixed(1)}: R@${small} ${pct(r.s.recall[small])}, R@${large} ${pct(r.s.recall[large])}`),
    `best α at N=${small}: ${atSmall.alpha.toFixed(1)}; at N=${large}: ${atLarge.alpha.toFixed(1)}`,
  ];
  if (atSmall.alpha === atLarge.alpha) {
    const spread = (n: number) => {
      const means = rows.map((r) => r.s.recall[n].mean);
      return { range: Math.max(...means) - Math.min(...means), noise: Math.max(...rows.map((r) => r.s.recall[n].std)) };
    };
    const flat = [small, large].every((n) => spread(n).range <= spread(n).noise);
    return { id: 'C2', claim, holds: flat ? 'inconclusive' : false, numbers };
  }
  const leadSmall = compareConfigs(atSmall.s, atLarge.s, small);
  const leadLarge = compareConfigs(atLarge.s, atSmall.s, large);
  numbers.push(`lead at N=${small}: ${pp(leadSmall.diff)} (±${(100 * leadSmall.noise).toFixed(2)}); at N=${large}: ${pp(leadLarge.diff)} (±${(100 * leadLarge.noise).toFixed(2)})`);
  const separated = leadSmall.outcome === 'better' && leadLarge.outcome === 'better';
  return { id: 'C2', claim, holds: separated ? atSmall.alpha > atLarge.alpha : 'inconclusive', numbers };
}

/** C3: the best CROLoss-lambda is at least as good as the best plain CROLoss (both by mean Recall@100) at every N. */
export function claimC3(summaries: Map<string, ConfigSummary>, ns: number[] = TABLE_NS): Finding {
  const claim = 'CROLoss-lambda is at least as good as plain CROLoss at every N (Tables 2 and 3).';
  const best = bestConfig(summaries, (s) => s.cell.loss.kind === 'croloss', SELECTION_N);
  const lambda = bestConfig(summaries, (s) => s.cell.loss.kind === 'lambda', SELECTION_N);
  if (!best || !lambda) return missing('C3', claim, 'needs at least one CROLoss and one CROLoss-lambda configuration');
  const comparisons = ns.filter((n) => best.recall[n] && lambda.recall[n]).map((n) => ({ n, ...compareConfigs(lambda, best, n) }));
  const holds: Verdict = comparisons.some((c) => c.outcome === 'worse') ? false : comparisons.every((c) => c.diff >= -1e-9) ? true : 'inconclusive';
  return {
    id: 'C3',
    claim,
    holds,
    numbers: [
      `best CROLoss-lambda ${lambda.config} vs best CROLoss ${best.config}`,
      comparisons.map((c) => `R@${c.n} ${pp(c.diff)} (±${(100 * c.noise).toFixed(2)})`).join(', '),
    ],
  };
}

/** The hard-negative pairs of Figure 5: each conventional loss and CROLoss with its kernel at alpha = 1. */
export const HARD_NEGATIVE_PAIRS: Array<{ base: 'triplet' | 'bpr'; kernel: GridKernel }> = [
  { base: 'triplet', kernel: 'hinge' },
  { base: 'bpr', kernel: 'softplus' },
];

/** C4: alpha = 1 improves the triplet (hinge) and BPR (softplus) kernels over alpha = 0 at every N. */
export function claimC4(summaries: Map<string, ConfigSummary>, ns: number[] = TABLE_NS): Finding {
  const claim = 'alpha = 1 (hard-negative weighting) improves the triplet and BPR kernels over their alpha = 0 losses at every N (Figure 5).';
  const outcomes: string[] = [];
  const numbers: string[] = [];
  for (const { base, kernel } of HARD_NEGATIVE_PAIRS) {
    const b = summaries.get(base);
    const c = summaries.get(configId({ kind: 'croloss', kernel, alpha: 1 }));
    if (!b || !c) return missing('C4', claim, `needs ${base} and croloss-${kernel}-a1.0`);
    const parts = ns.filter((n) => b.recall[n] && c.recall[n]).map((n) => {
      const cmp = compareConfigs(c, b, n);
      outcomes.push(cmp.outcome);
      return `R@${n} ${pp(cmp.diff)} (±${(100 * cmp.noise).toFixed(2)})`;
    });
    numbers.push(`${kernel} α=1 vs ${base}: ${parts.join(', ')}`);
  }
  return { id: 'C4', claim, holds: allBetter(outcomes), numbers };
}

/** All four claims. */
export function evaluateClaims(summaries: Map<string, ConfigSummary>, alphas: number[], ns: number[] = TABLE_NS): Finding[] {
  return [claimC1(summaries, ns), claimC2(summaries, alphas), claimC3(summaries, ns), claimC4(summaries, ns)];
}

/**
 * Findings as markdown for docs: one bullet per claim with its verdict and numbers (percent points).
 *
 * @example
 * formatFindings([{ id: 'C1', claim: 'x', holds: true, numbers: ['a'] }]); // '- **C1** holds: x\n  - a'
 */
export function formatFindings(findings: Finding[]): string {
  const verdict = (v: Verdict) => (v === true ? 'holds' : v === false ? 'does not hold' : 'inconclusive');
  return findings.map((f) => [`- **${f.id}** ${verdict(f.holds)}: ${f.claim}`, ...f.numbers.map((line) => `  - ${line}`)].join('\n')).join('\n');
}

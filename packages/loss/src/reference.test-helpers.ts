/**
 * Independent float64 reference of CROLoss and CROLoss-lambda, written from the paper's equations
 * (15, 16, 13, 21-24) in plain JavaScript, for the tests to compare against. No tfjs here.
 */
export const phi: Record<string, (x: number) => number> = {
  'unit-step': (x) => (x >= 0 ? 1 : 0),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  exponential: (x) => Math.exp(x),
  softplus: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
  hinge: (x) => Math.max(0, x + 0.5),
};
export const phiPrime: Record<string, (x: number) => number> = {
  sigmoid: (x) => phi.sigmoid(x) * (1 - phi.sigmoid(x)),
  exponential: (x) => Math.exp(x),
  softplus: (x) => phi.sigmoid(x),
  hinge: (x) => (x + 0.5 > 0 ? 1 : 0),
};

export function cdf(x: number, alpha: number, n: number, normalize = true): number {
  const raw = alpha === 1 ? Math.log(x) : (x ** (1 - alpha) - 1) / (1 - alpha);
  if (!normalize) return raw;
  const z = alpha === 1 ? Math.log(n + 1) : ((n + 1) ** (1 - alpha) - 1) / (1 - alpha);
  return raw / z;
}
export function density(x: number, alpha: number, n: number, normalize = true): number {
  const z = !normalize ? 1 : alpha === 1 ? Math.log(n + 1) : ((n + 1) ** (1 - alpha) - 1) / (1 - alpha);
  return x ** -alpha / z;
}

export interface RefCase {
  pos: number[];
  neg: number[][];
  mask?: number[][];
  tau?: number;
  numItems?: number;
  alpha: number;
  normalize?: boolean;
}

/** Per-row R = s (1 + sum mask phi(tau (neg - pos))), s = numItems / K_b when numItems is given (eq. 24). */
export function rankRef(c: RefCase, kernel: string): number[] {
  const tau = c.tau ?? 1;
  return c.pos.map((p, b) => {
    let sum = 0;
    let count = 0;
    c.neg[b].forEach((n, j) => {
      if (c.mask && c.mask[b][j] === 0) return;
      sum += phi[kernel](tau * (n - p));
      count += 1;
    });
    const scale = c.numItems === undefined || count === 0 ? 1 : c.numItems / count;
    return scale * (1 + sum);
  });
}

export function croLossRef(c: RefCase, kernel: string): number[] {
  const corpus = c.numItems ?? c.neg[0].length + 1;
  return rankRef(c, kernel).map((r) => cdf(r, c.alpha, corpus, c.normalize));
}

export function lambdaLossRef(c: RefCase, phi1: string, phi2: string): number[] {
  const corpus = c.numItems ?? c.neg[0].length + 1;
  const r1 = rankRef(c, phi1);
  return rankRef(c, phi2).map((r2, b) => density(r1[b], c.alpha, corpus, c.normalize) * r2);
}

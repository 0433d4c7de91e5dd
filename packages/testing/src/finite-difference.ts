/**
 * Central finite-difference gradient of a scalar float64 function f at x:
 * df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / (2h).
 */
export function finiteDifferenceGradient(f: (x: Float64Array) => number, x: ArrayLike<number>, h = 1e-5): Float64Array {
  const point = Float64Array.from(x);
  const grad = new Float64Array(point.length);
  for (let i = 0; i < point.length; i++) {
    const saved = point[i];
    point[i] = saved + h;
    const up = f(point);
    point[i] = saved - h;
    const down = f(point);
    point[i] = saved;
    grad[i] = (up - down) / (2 * h);
  }
  return grad;
}

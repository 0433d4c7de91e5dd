;; The fused rank statistic (sigmoid and softplus row sums) and its gradient, hand-vectorised with WebAssembly SIMD
;; (f32x4), reading and writing tfjs-backend-wasm's heap (its memory is imported). Compiled by scripts/build-simd.mjs.
;;
;; Per entry, one e = exp(-|g|) serves both kernels: sigmoid(g) = (g < 0 ? e : 1) / (1 + e) and
;; softplus(g) = max(g, 0) + log1p(e). exp and log1p are Cephes' single-precision polynomials (about 1 ulp):
;; exp(x) = 2^n p(r), r = x - n ln 2; log1p(e) on e in [0, 1] as f + f^2 (-1/2 + f P(f)) (+ ln 2 past sqrt 2 - 1).
;; Masks: kind 0 none, 1 float32 (> 0 keeps), 2 bool (one byte, non-zero keeps), 3 int32 (> 0 keeps).
(module
  (import "env" "memory" (memory 0))

  ;; exp(x) for x <= 0 (x is -|g|), flushed at x = -87.33 (e^-87.33 = 1.2e-38, the smallest normal float32)
  (func $exp (param $x v128) (result v128)
    (local $n v128) (local $r v128) (local $p v128)
    (local.set $x (f32x4.max (local.get $x) (v128.const f32x4 -87.33654 -87.33654 -87.33654 -87.33654)))
    (local.set $n (f32x4.floor (f32x4.add
      (f32x4.mul (local.get $x) (v128.const f32x4 1.44269504088896341 1.44269504088896341 1.44269504088896341 1.44269504088896341))
      (v128.const f32x4 0.5 0.5 0.5 0.5))))
    (local.set $r (f32x4.sub (f32x4.sub (local.get $x)
      (f32x4.mul (local.get $n) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
      (f32x4.mul (local.get $n) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
    (local.set $p (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1)))
    ;; p r^2 + r + 1
    (local.set $p (f32x4.add (f32x4.add (f32x4.mul (local.get $p) (f32x4.mul (local.get $r) (local.get $r))) (local.get $r))
      (v128.const f32x4 1 1 1 1)))
    ;; times 2^n: (n + 127) << 23 as a float32 (n >= -126 after the flush; NaN gives n = 0 and stays NaN through p)
    (f32x4.mul (local.get $p)
      (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (v128.const i32x4 127 127 127 127)) (i32.const 23))))

  ;; log1p(e) for e in [0, 1]: f = e (k = 0) up to sqrt 2 - 1, else f = (e - 1) / 2 (k = 1, log(1 + e) = ln 2 + log1p(f))
  (func $log1p (param $e v128) (result v128)
    (local $big v128) (local $f v128) (local $z v128) (local $y v128) (local $k v128)
    (local.set $big (f32x4.gt (local.get $e) (v128.const f32x4 0.41421356237 0.41421356237 0.41421356237 0.41421356237)))
    (local.set $f (v128.bitselect
      (f32x4.mul (f32x4.sub (local.get $e) (v128.const f32x4 1 1 1 1)) (v128.const f32x4 0.5 0.5 0.5 0.5))
      (local.get $e) (local.get $big)))
    (local.set $k (v128.and (local.get $big) (v128.const f32x4 1 1 1 1)))
    (local.set $z (f32x4.mul (local.get $f) (local.get $f)))
    (local.set $y (v128.const f32x4 7.0376836292e-2 7.0376836292e-2 7.0376836292e-2 7.0376836292e-2))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $f)) (v128.const f32x4 -1.1514610310e-1 -1.1514610310e-1 -1.1514610310e-1 -1.1514610310e-1)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $f)) (v128.const f32x4 1.1676998740e-1 1.1676998740e-1 1.1676998740e-1 1.1676998740e-1)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $f)) (v128.const f32x4 -1.2420140846e-1 -1.2420140846e-1 -1.2420140846e-1 -1.2420140846e-1)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $f)) (v128.const f32x4 1.4249322787e-1 1.4249322787e-1 1.4249322787e-1 1.4249322787e-1)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $f)) (v128.const f32x4 -1.6668057665e-1 -1.6668057665e-1 -1.6668057665e-1 -1.6668057665e-1)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $f)) (v128.const f32x4 2.0000714765e-1 2.0000714765e-1 2.0000714765e-1 2.0000714765e-1)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $f)) (v128.const f32x4 -2.4999993993e-1 -2.4999993993e-1 -2.4999993993e-1 -2.4999993993e-1)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $f)) (v128.const f32x4 3.3333331174e-1 3.3333331174e-1 3.3333331174e-1 3.3333331174e-1)))
    (local.set $y (f32x4.mul (f32x4.mul (local.get $y) (local.get $f)) (local.get $z)))
    (local.set $y (f32x4.add (local.get $y) (f32x4.mul (local.get $k) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
    (local.set $y (f32x4.sub (local.get $y) (f32x4.mul (local.get $z) (v128.const f32x4 0.5 0.5 0.5 0.5))))
    (f32x4.add (f32x4.add (local.get $f) (local.get $y)) (f32x4.mul (local.get $k) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375))))

  ;; sigmoid(g) given e = exp(-|g|)
  (func $sigmoid (param $g v128) (param $e v128) (result v128)
    (f32x4.div
      (v128.bitselect (local.get $e) (v128.const f32x4 1 1 1 1) (f32x4.lt (local.get $g) (v128.const f32x4 0 0 0 0)))
      (f32x4.add (local.get $e) (v128.const f32x4 1 1 1 1))))

  ;; all-ones lanes where mask entry i (element index) keeps its negative
  (func $keepAt (param $mask i32) (param $kind i32) (param $i i32) (result i32)
    (if (result i32) (i32.eq (local.get $kind) (i32.const 2))
      (then (i32.sub (i32.const 0) (i32.ne (i32.load8_u (i32.add (local.get $mask) (local.get $i))) (i32.const 0))))
      (else (if (result i32) (i32.eq (local.get $kind) (i32.const 3))
        (then (i32.sub (i32.const 0) (i32.gt_s (i32.load (i32.add (local.get $mask) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 0))))
        (else (i32.sub (i32.const 0) (f32.gt (f32.load (i32.add (local.get $mask) (i32.shl (local.get $i) (i32.const 2)))) (f32.const 0))))))))

  ;; keep lanes of the 4 entries from element index i (kind > 0)
  (func $keep4 (param $mask i32) (param $kind i32) (param $i i32) (result v128)
    (if (result v128) (i32.eq (local.get $kind) (i32.const 1))
      (then (f32x4.gt (v128.load align=4 (i32.add (local.get $mask) (i32.shl (local.get $i) (i32.const 2)))) (v128.const f32x4 0 0 0 0)))
      (else (if (result v128) (i32.eq (local.get $kind) (i32.const 3))
        (then (i32x4.gt_s (v128.load align=4 (i32.add (local.get $mask) (i32.shl (local.get $i) (i32.const 2)))) (v128.const i32x4 0 0 0 0)))
        (else (v128.not (i32x4.eq
          (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero align=1 (i32.add (local.get $mask) (local.get $i)))))
          (v128.const i32x4 0 0 0 0))))))))

  ;; the gaps of elements i .. i + n - 1 (n in 1..3) and zeros after
  (func $loadPartial (param $gaps i32) (param $i i32) (param $n i32) (result v128)
    (local $v v128) (local $p i32)
    (local.set $p (i32.add (local.get $gaps) (i32.shl (local.get $i) (i32.const 2))))
    (local.set $v (f32x4.replace_lane 0 (v128.const f32x4 0 0 0 0) (f32.load (local.get $p))))
    (if (i32.gt_u (local.get $n) (i32.const 1)) (then (local.set $v (f32x4.replace_lane 1 (local.get $v) (f32.load offset=4 (local.get $p))))))
    (if (i32.gt_u (local.get $n) (i32.const 2)) (then (local.set $v (f32x4.replace_lane 2 (local.get $v) (f32.load offset=8 (local.get $p))))))
    (local.get $v))

  ;; keep lanes of the last n (1..3) entries from element index i: the mask's, and the lanes past n dropped
  (func $keepPartial (param $mask i32) (param $kind i32) (param $i i32) (param $n i32) (result v128)
    (local $valid v128)
    (local.set $valid (i32x4.lt_s (v128.const i32x4 0 1 2 3) (i32x4.splat (local.get $n))))
    (if (result v128) (i32.eqz (local.get $kind))
      (then (local.get $valid))
      (else (v128.and (local.get $valid)
        (i32x4.replace_lane 2
          (i32x4.replace_lane 1
            (i32x4.splat (call $keepAt (local.get $mask) (local.get $kind) (local.get $i)))
            (if (result i32) (i32.gt_u (local.get $n) (i32.const 1)) (then (call $keepAt (local.get $mask) (local.get $kind) (i32.add (local.get $i) (i32.const 1)))) (else (i32.const 0))))
          (if (result i32) (i32.gt_u (local.get $n) (i32.const 2)) (then (call $keepAt (local.get $mask) (local.get $kind) (i32.add (local.get $i) (i32.const 2)))) (else (i32.const 0))))))))

  ;; float64 sum of the four float32 lanes of v added to (lo, hi)
  (func $hsum (param $lo v128) (param $hi v128) (result f64)
    (local $s v128)
    (local.set $s (f64x2.add (local.get $lo) (local.get $hi)))
    (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))

  ;; Forward: per row b, R = factor_b (1 + sum_k keep sigmoid(g)) into outSig[b] (flags & 1) and
  ;; factor_b (1 + sum_k keep softplus(g)) into outSp[b] (flags & 2); factor_b = scale[b] (scale != 0) or scalar.
  ;; Sums in float64 (each f32x4 promoted to two f64x2).
  (func (export "rowSums")
    (param $gaps i32) (param $mask i32) (param $kind i32) (param $rows i32) (param $cols i32)
    (param $scale i32) (param $scalar f32) (param $outSig i32) (param $outSp i32) (param $flags i32)
    (local $b i32) (local $k i32) (local $i i32) (local $n i32)
    (local $g v128) (local $keep v128) (local $e v128) (local $v v128)
    (local $s0 v128) (local $s1 v128) (local $t0 v128) (local $t1 v128) (local $factor f64)
    (local.set $b (i32.const 0))
    (block $rowsDone (loop $rowLoop
      (br_if $rowsDone (i32.ge_u (local.get $b) (local.get $rows)))
      (local.set $s0 (v128.const f64x2 0 0)) (local.set $s1 (v128.const f64x2 0 0))
      (local.set $t0 (v128.const f64x2 0 0)) (local.set $t1 (v128.const f64x2 0 0))
      (local.set $k (i32.const 0))
      (block $colsDone (loop $colLoop
        (br_if $colsDone (i32.ge_u (local.get $k) (local.get $cols)))
        (local.set $i (i32.add (i32.mul (local.get $b) (local.get $cols)) (local.get $k)))
        (local.set $n (i32.sub (local.get $cols) (local.get $k)))
        (if (i32.ge_u (local.get $n) (i32.const 4))
          (then
            (local.set $g (v128.load align=4 (i32.add (local.get $gaps) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $keep (if (result v128) (i32.eqz (local.get $kind))
              (then (v128.const i32x4 -1 -1 -1 -1))
              (else (call $keep4 (local.get $mask) (local.get $kind) (local.get $i))))))
          (else
            (local.set $g (call $loadPartial (local.get $gaps) (local.get $i) (local.get $n)))
            (local.set $keep (call $keepPartial (local.get $mask) (local.get $kind) (local.get $i) (local.get $n)))))
        (local.set $e (call $exp (f32x4.neg (f32x4.abs (local.get $g)))))
        (if (i32.and (local.get $flags) (i32.const 1)) (then
          (local.set $v (v128.and (call $sigmoid (local.get $g) (local.get $e)) (local.get $keep)))
          (local.set $s0 (f64x2.add (local.get $s0) (f64x2.promote_low_f32x4 (local.get $v))))
          (local.set $s1 (f64x2.add (local.get $s1) (f64x2.promote_low_f32x4
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))))
        (if (i32.and (local.get $flags) (i32.const 2)) (then
          (local.set $v (v128.and (f32x4.add (f32x4.max (local.get $g) (v128.const f32x4 0 0 0 0)) (call $log1p (local.get $e))) (local.get $keep)))
          (local.set $t0 (f64x2.add (local.get $t0) (f64x2.promote_low_f32x4 (local.get $v))))
          (local.set $t1 (f64x2.add (local.get $t1) (f64x2.promote_low_f32x4
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $colLoop)))
      (local.set $factor (f64.promote_f32 (if (result f32) (local.get $scale)
        (then (f32.load (i32.add (local.get $scale) (i32.shl (local.get $b) (i32.const 2)))))
        (else (local.get $scalar)))))
      (if (i32.and (local.get $flags) (i32.const 1)) (then
        (f32.store (i32.add (local.get $outSig) (i32.shl (local.get $b) (i32.const 2)))
          (f32.demote_f64 (f64.mul (f64.add (f64.const 1) (call $hsum (local.get $s0) (local.get $s1))) (local.get $factor))))))
      (if (i32.and (local.get $flags) (i32.const 2)) (then
        (f32.store (i32.add (local.get $outSp) (i32.shl (local.get $b) (i32.const 2)))
          (f32.demote_f64 (f64.mul (f64.add (f64.const 1) (call $hsum (local.get $t0) (local.get $t1))) (local.get $factor))))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $rowLoop))))

  ;; Backward: out[b, k] = coef_b keep d(g), coef_b = dy[b] factor_b, d = sigmoid(g) (the softplus derivative,
  ;; derivative 0) or sigmoid(g) (1 - sigmoid(g)) = e / (1 + e)^2 (derivative 1, no cancellation near 1); dropped
  ;; entries are exactly 0.
  (func (export "rowSumsGrad")
    (param $gaps i32) (param $mask i32) (param $kind i32) (param $rows i32) (param $cols i32)
    (param $dy i32) (param $scale i32) (param $scalar f32) (param $out i32) (param $derivative i32)
    (local $b i32) (local $k i32) (local $i i32) (local $n i32) (local $p i32)
    (local $g v128) (local $keep v128) (local $s v128) (local $coef v128) (local $e v128) (local $t v128)
    (local.set $b (i32.const 0))
    (block $rowsDone (loop $rowLoop
      (br_if $rowsDone (i32.ge_u (local.get $b) (local.get $rows)))
      (local.set $coef (f32x4.splat (f32.mul
        (f32.load (i32.add (local.get $dy) (i32.shl (local.get $b) (i32.const 2))))
        (if (result f32) (local.get $scale)
          (then (f32.load (i32.add (local.get $scale) (i32.shl (local.get $b) (i32.const 2)))))
          (else (local.get $scalar))))))
      (local.set $k (i32.const 0))
      (block $colsDone (loop $colLoop
        (br_if $colsDone (i32.ge_u (local.get $k) (local.get $cols)))
        (local.set $i (i32.add (i32.mul (local.get $b) (local.get $cols)) (local.get $k)))
        (local.set $n (i32.sub (local.get $cols) (local.get $k)))
        (if (i32.ge_u (local.get $n) (i32.const 4))
          (then
            (local.set $g (v128.load align=4 (i32.add (local.get $gaps) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $keep (if (result v128) (i32.eqz (local.get $kind))
              (then (v128.const i32x4 -1 -1 -1 -1))
              (else (call $keep4 (local.get $mask) (local.get $kind) (local.get $i))))))
          (else
            (local.set $g (call $loadPartial (local.get $gaps) (local.get $i) (local.get $n)))
            (local.set $keep (call $keepPartial (local.get $mask) (local.get $kind) (local.get $i) (local.get $n)))))
        (local.set $e (call $exp (f32x4.neg (f32x4.abs (local.get $g)))))
        (if (local.get $derivative)
          (then
            (local.set $t (f32x4.add (local.get $e) (v128.const f32x4 1 1 1 1)))
            (local.set $s (f32x4.div (local.get $e) (f32x4.mul (local.get $t) (local.get $t)))))
          (else (local.set $s (call $sigmoid (local.get $g) (local.get $e)))))
        (local.set $s (v128.and (f32x4.mul (local.get $coef) (local.get $s)) (local.get $keep)))
        (local.set $p (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))))
        (if (i32.ge_u (local.get $n) (i32.const 4))
          (then (v128.store align=4 (local.get $p) (local.get $s)))
          (else
            (f32.store (local.get $p) (f32x4.extract_lane 0 (local.get $s)))
            (if (i32.gt_u (local.get $n) (i32.const 1)) (then (f32.store offset=4 (local.get $p) (f32x4.extract_lane 1 (local.get $s)))))
            (if (i32.gt_u (local.get $n) (i32.const 2)) (then (f32.store offset=8 (local.get $p) (f32x4.extract_lane 2 (local.get $s)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $colLoop)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $rowLoop))))
;; Adam, one pass over n entries (float32, in tf.train.adam's order of operations, so the result is bit for bit
  ;; the composed ops'): m' = m b1 + g (1 - b1); v' = v b2 + g^2 (1 - b2); w' = (m' / c1) / (sqrt(v' / c2) + eps) (-lr) + w
  ;; with a1 = 1 - b1 and a2 = 1 - b2 (rounded from float64, as tfjs's scalars), c1 = 1 - beta1^t, c2 = 1 - beta2^t
  ;; (float32, as tf.train.adam's accumulators); written to the outputs w2, m2, v2.
  (func (export "adam")
    (param $w i32) (param $m i32) (param $v i32) (param $g i32) (param $w2 i32) (param $m2 i32) (param $v2 i32) (param $n i32)
    (param $lr f32) (param $b1 f32) (param $b2 f32) (param $a1 f32) (param $a2 f32) (param $eps f32) (param $c1 f32) (param $c2 f32)
    (local $i i32) (local $o i32) (local $gv v128) (local $mv v128) (local $vv v128)
    (local $B1 v128) (local $B2 v128) (local $A1 v128) (local $A2 v128) (local $C1 v128) (local $C2 v128) (local $E v128) (local $L v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $B1 (f32x4.splat (local.get $b1))) (local.set $B2 (f32x4.splat (local.get $b2)))
    (local.set $A1 (f32x4.splat (local.get $a1))) (local.set $A2 (f32x4.splat (local.get $a2)))
    (local.set $C1 (f32x4.splat (local.get $c1))) (local.set $C2 (f32x4.splat (local.get $c2)))
    (local.set $E (f32x4.splat (local.get $eps))) (local.set $L (f32x4.splat (f32.neg (local.get $lr))))
    (local.set $i (i32.const 0))
    (block $done (loop $vec
      (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
      (local.set $o (i32.shl (local.get $i) (i32.const 2)))
      (local.set $gv (v128.load align=4 (i32.add (local.get $g) (local.get $o))))
      (local.set $mv (f32x4.add (f32x4.mul (v128.load align=4 (i32.add (local.get $m) (local.get $o))) (local.get $B1))
        (f32x4.mul (local.get $gv) (local.get $A1))))
      (local.set $vv (f32x4.add (f32x4.mul (v128.load align=4 (i32.add (local.get $v) (local.get $o))) (local.get $B2))
        (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (local.get $A2))))
      (v128.store align=4 (i32.add (local.get $w2) (local.get $o)) (f32x4.add
        (f32x4.mul (f32x4.div (f32x4.div (local.get $mv) (local.get $C1))
          (f32x4.add (f32x4.sqrt (f32x4.div (local.get $vv) (local.get $C2))) (local.get $E))) (local.get $L))
        (v128.load align=4 (i32.add (local.get $w) (local.get $o)))))
      (v128.store align=4 (i32.add (local.get $m2) (local.get $o)) (local.get $mv))
      (v128.store align=4 (i32.add (local.get $v2) (local.get $o)) (local.get $vv))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $vec)))
    (block $tailDone (loop $tail
      (br_if $tailDone (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $o (i32.shl (local.get $i) (i32.const 2)))
      (local.set $gs (f32.load (i32.add (local.get $g) (local.get $o))))
      (local.set $ms (f32.add (f32.mul (f32.load (i32.add (local.get $m) (local.get $o))) (local.get $b1))
        (f32.mul (local.get $gs) (local.get $a1))))
      (local.set $vs (f32.add (f32.mul (f32.load (i32.add (local.get $v) (local.get $o))) (local.get $b2))
        (f32.mul (f32.mul (local.get $gs) (local.get $gs)) (local.get $a2))))
      (f32.store (i32.add (local.get $w2) (local.get $o)) (f32.add
        (f32.mul (f32.div (f32.div (local.get $ms) (local.get $c1))
          (f32.add (f32.sqrt (f32.div (local.get $vs) (local.get $c2))) (local.get $eps))) (f32.neg (local.get $lr)))
        (f32.load (i32.add (local.get $w) (local.get $o)))))
      (f32.store (i32.add (local.get $m2) (local.get $o)) (local.get $ms))
      (f32.store (i32.add (local.get $v2) (local.get $o)) (local.get $vs))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $tail))))
)

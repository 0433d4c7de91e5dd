;; The fused rank statistic (sigmoid and softplus row sums) and its gradient, hand-vectorised with WebAssembly SIMD
;; (f32x4), reading and writing tfjs-backend-wasm's heap (its memory is imported). Compiled by scripts/build-simd.mjs.
;;
;; Per entry, one e = exp(-|g|) serves both kernels: sigmoid(g) = (g < 0 ? e : 1) / (1 + e) and
;; softplus(g) = max(g, 0) + log1p(e). exp and log1p are Cephes' single-precision polynomials (about 1 ulp):
;; exp(x) = 2^n p(r), r = x - n ln 2; log1p(e) on e in [0, 1] as f + f^2 (-1/2 + f P(f)) (+ ln 2 past sqrt 2 - 1).
;; Masks: kind 0 none, 1 float32 (> 0 keeps), 2 bool (one byte, non-zero keeps), 3 int32 (> 0 keeps).
(module
  (import "env" "memory" (memory 0))

  ;; exp(x) for x <= 0 (x is -|g|), flushed at x = -87.33 (e^-87.33 = 1.2e-38, the smallest normal float32).
  ;; n = round(x / ln 2) by adding 1.5 * 2^23 (the float's low bits then hold n), r = x - n ln 2 in two parts (Cody and
  ;; Waite), e^r = 1 + r + r^2 q(r) with q of degree 3 (a minimax fit, relative error 1.1e-7 on |r| <= ln 2 / 2), times
  ;; 2^n built from the shifted float's bits: (bits + 127) << 23. NaN stays NaN through r.
  (func $exp (param $x v128) (result v128)
    (local $j v128) (local $n v128) (local $r v128) (local $r2 v128)
    (local.set $x (f32x4.pmax (local.get $x) (v128.const f32x4 -87.33654 -87.33654 -87.33654 -87.33654)))
    (local.set $j (f32x4.add (f32x4.mul (local.get $x) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504))
      (v128.const f32x4 12582912 12582912 12582912 12582912)))
    (local.set $n (f32x4.sub (local.get $j) (v128.const f32x4 12582912 12582912 12582912 12582912)))
    (local.set $r (f32x4.sub (f32x4.sub (local.get $x) (f32x4.mul (local.get $n) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
      (f32x4.mul (local.get $n) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
    (local.set $r2 (f32x4.mul (local.get $r) (local.get $r)))
    (f32x4.mul
      (f32x4.add (f32x4.add (f32x4.mul (local.get $r2)
        (f32x4.add
          (f32x4.add (v128.const f32x4 0.49999231785 0.49999231785 0.49999231785 0.49999231785) (f32x4.mul (local.get $r) (v128.const f32x4 0.16667114466 0.16667114466 0.16667114466 0.16667114466)))
          (f32x4.mul (local.get $r2) (f32x4.add (v128.const f32x4 0.04189011398 0.04189011398 0.04189011398 0.04189011398) (f32x4.mul (local.get $r) (v128.const f32x4 0.00831252511 0.00831252511 0.00831252511 0.00831252511))))))
        (local.get $r)) (v128.const f32x4 1 1 1 1))
      (i32x4.shl (i32x4.add (local.get $j) (v128.const i32x4 127 127 127 127)) (i32.const 23))))

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

  ;; the four float32 lanes of v added to the two float64 lanes of S
  (func $fold (param $S v128) (param $v v128) (result v128)
    (f64x2.add (f64x2.add (local.get $S) (f64x2.promote_low_f32x4 (local.get $v)))
      (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))

  ;; the sum of the two float64 lanes
  (func $lanes (param $S v128) (result f64)
    (f64.add (f64x2.extract_lane 0 (local.get $S)) (f64x2.extract_lane 1 (local.get $S))))

  ;; Forward over rows: per row b, with factor_b = scale[b] (scale != 0) or scalar, and g = tau (x - pos[b]) (pos != 0)
  ;; or g = x (pos = 0: the gaps themselves),
  ;;   outSig[b] = factor_b (1 + sum_k keep sigmoid(g))     (flags & 1)
  ;;   outSp[b]  = factor_b (1 + sum_k keep softplus(g))    (flags & 2)
  ;;   deriv[b, k] = tau factor_b keep phi'(g)              (deriv != 0; derivKind 1: sigmoid' = e / (1 + e)^2,
  ;;                                                          2: softplus' = sigmoid)
  ;; Sums: float32 per lane over blocks of 64 entries, the blocks added in float64. Dropped entries add 0 and get a
  ;; derivative of exactly 0 (their lanes are cleared, NaN included). The entries go through $span, four at a time;
  ;; the last cols mod 4 of a row through one partial vector.
  (func (export "rowStats")
    (param $x i32) (param $pos i32) (param $tau f32) (param $mask i32) (param $kind i32) (param $rows i32) (param $cols i32)
    (param $scale i32) (param $scalar f32) (param $outSig i32) (param $outSp i32) (param $flags i32)
    (param $deriv i32) (param $derivKind i32)
    (local $b i32) (local $off i32) (local $full i32) (local $n i32) (local $T f32) (local $P f32) (local $factor f32)
    (local $S1 v128) (local $S2 v128)
    (local.set $T (if (result f32) (local.get $pos) (then (local.get $tau)) (else (f32.const 1))))
    (local.set $full (i32.shr_u (local.get $cols) (i32.const 2)))
    (local.set $n (i32.and (local.get $cols) (i32.const 3)))
    (local.set $b (i32.const 0))
    (block $rowsDone (loop $rowLoop
      (br_if $rowsDone (i32.ge_u (local.get $b) (local.get $rows)))
      (local.set $P (if (result f32) (local.get $pos)
        (then (f32.load (i32.add (local.get $pos) (i32.shl (local.get $b) (i32.const 2)))))
        (else (f32.const 0))))
      (local.set $factor (if (result f32) (local.get $scale)
        (then (f32.load (i32.add (local.get $scale) (i32.shl (local.get $b) (i32.const 2)))))
        (else (local.get $scalar))))
      (local.set $off (i32.shl (i32.mul (local.get $b) (local.get $cols)) (i32.const 2)))
      (if (result v128 v128) (local.get $kind)
        (then (call $span (local.get $x) (local.get $mask) (local.get $kind) (local.get $deriv) (local.get $derivKind) (local.get $off)
          (local.get $full) (local.get $P) (local.get $T) (f32.mul (local.get $T) (local.get $factor))))
        (else (call $spanAll (local.get $x) (local.get $mask) (local.get $kind) (local.get $deriv) (local.get $derivKind) (local.get $off)
          (local.get $full) (local.get $P) (local.get $T) (f32.mul (local.get $T) (local.get $factor)))))
      (local.set $S2) (local.set $S1)
      (if (local.get $n) (then
        (call $partial (local.get $x) (local.get $mask) (local.get $kind) (local.get $deriv) (local.get $derivKind)
          (i32.add (local.get $off) (i32.shl (local.get $full) (i32.const 4))) (local.get $n)
          (local.get $P) (local.get $T) (f32.mul (local.get $T) (local.get $factor)))
        (local.set $S2 (f64x2.add (local.get $S2)))
        (local.set $S1 (f64x2.add (local.get $S1)))))
      (if (i32.and (local.get $flags) (i32.const 1)) (then
        (f32.store (i32.add (local.get $outSig) (i32.shl (local.get $b) (i32.const 2)))
          (f32.demote_f64 (f64.mul (f64.add (f64.const 1) (call $lanes (local.get $S1))) (f64.promote_f32 (local.get $factor)))))))
      (if (i32.and (local.get $flags) (i32.const 2)) (then
        (f32.store (i32.add (local.get $outSp) (i32.shl (local.get $b) (i32.const 2)))
          (f32.demote_f64 (f64.mul (f64.add (f64.const 1) (call $lanes (local.get $S2))) (f64.promote_f32 (local.get $factor)))))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $rowLoop))))

  ;; count full vectors of one row from byte offset off (of x, deriv and a 4-byte mask; off / 4 of a bool mask):
  ;; returns the float64 pairs of the sigmoid and the softplus sums and writes the derivative (deriv != 0), c = tau
  ;; factor_b. Per entry: e = exp(-|g|) (as $exp, inlined), one division D = 1 / ((1 + e)(2 + e)) for both kernels:
  ;; sigmoid = (g < 0 ? e : 1) (2 + e) D, softplus = max(g, 0) + log1p(e) with log1p(e) = 2 atanh(s),
  ;; s = e / (2 + e) = e (1 + e) D in [0, 1/3], 2 atanh(s) = 2 s (1 + z h(z)), z = s^2, h of degree 2 (a minimax fit,
  ;; relative error 1.9e-7 on z <= 1/9). The lines between ;;@mask-only and ;;@end apply the mask: the build
  ;; (scripts/build-simd.mjs) also emits this function without them as $spanAll, which rowStats calls when there is
  ;; no mask (kind 0), saving the mask's load and three ands per vector.
  (func $span (param $x i32) (param $mask i32) (param $kind i32) (param $deriv i32) (param $derivKind i32) (param $off i32)
    (param $count i32) (param $p f32) (param $t f32) (param $c f32) (result v128 v128)
    (local $end i32) (local $blockEnd i32)
    (local $P v128) (local $T v128) (local $C v128) (local $keep v128) (local $v v128)
    (local $g v128) (local $e v128) (local $j v128) (local $r v128) (local $r2 v128)
    (local $one v128) (local $two v128) (local $D v128) (local $inv v128) (local $sig v128) (local $s v128) (local $z v128)
    (local $sp v128) (local $d v128) (local $a1 v128) (local $a2 v128) (local $S1 v128) (local $S2 v128)
    (local.set $P (f32x4.splat (local.get $p))) (local.set $T (f32x4.splat (local.get $t))) (local.set $C (f32x4.splat (local.get $c)))
    (local.set $end (i32.add (local.get $off) (i32.shl (local.get $count) (i32.const 4))))
    (block $done (loop $blockLoop
      (br_if $done (i32.ge_u (local.get $off) (local.get $end)))
      (local.set $blockEnd (i32.add (local.get $off) (i32.const 256)))
      (if (i32.gt_u (local.get $blockEnd) (local.get $end)) (then (local.set $blockEnd (local.get $end))))
      (local.set $a1 (v128.const f32x4 0 0 0 0)) (local.set $a2 (v128.const f32x4 0 0 0 0))
      (loop $vecLoop
        (local.set $v (v128.load align=4 (i32.add (local.get $x) (local.get $off))))
;;@mask-only
        (local.set $keep
          (if (result v128) (i32.eq (local.get $kind) (i32.const 1))
            (then (f32x4.gt (v128.load align=4 (i32.add (local.get $mask) (local.get $off))) (v128.const f32x4 0 0 0 0)))
            (else (if (result v128) (i32.eq (local.get $kind) (i32.const 3))
              (then (i32x4.gt_s (v128.load align=4 (i32.add (local.get $mask) (local.get $off))) (v128.const i32x4 0 0 0 0)))
              (else (v128.not (i32x4.eq
                (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
                  (v128.load32_zero align=1 (i32.add (local.get $mask) (i32.shr_u (local.get $off) (i32.const 2))))))
                (v128.const i32x4 0 0 0 0))))))))
;;@end
          (local.set $g (f32x4.mul (f32x4.sub (local.get $v) (local.get $P)) (local.get $T)))
          ;; e = exp(-|g|), $exp inlined
          (local.set $v (f32x4.pmax (v128.or (local.get $g) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))
            (v128.const f32x4 -87.33654 -87.33654 -87.33654 -87.33654)))
          (local.set $j (f32x4.add (f32x4.mul (local.get $v) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504))
            (v128.const f32x4 12582912 12582912 12582912 12582912)))
          (local.set $e (f32x4.sub (local.get $j) (v128.const f32x4 12582912 12582912 12582912 12582912)))
          (local.set $r (f32x4.sub (f32x4.sub (local.get $v) (f32x4.mul (local.get $e) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
            (f32x4.mul (local.get $e) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
          (local.set $r2 (f32x4.mul (local.get $r) (local.get $r)))
          (local.set $e (f32x4.mul
            (f32x4.add (f32x4.add (f32x4.mul (local.get $r2)
              (f32x4.add
                (f32x4.add (v128.const f32x4 0.49999231785 0.49999231785 0.49999231785 0.49999231785) (f32x4.mul (local.get $r) (v128.const f32x4 0.16667114466 0.16667114466 0.16667114466 0.16667114466)))
                (f32x4.mul (local.get $r2) (f32x4.add (v128.const f32x4 0.04189011398 0.04189011398 0.04189011398 0.04189011398) (f32x4.mul (local.get $r) (v128.const f32x4 0.00831252511 0.00831252511 0.00831252511 0.00831252511))))))
              (local.get $r)) (v128.const f32x4 1 1 1 1))
            (i32x4.shl (i32x4.add (local.get $j) (v128.const i32x4 127 127 127 127)) (i32.const 23))))
          (local.set $one (f32x4.add (local.get $e) (v128.const f32x4 1 1 1 1)))
          (local.set $two (f32x4.add (local.get $e) (v128.const f32x4 2 2 2 2)))
          (local.set $D (f32x4.div (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $one) (local.get $two))))
          (local.set $inv (f32x4.mul (local.get $two) (local.get $D)))
          (local.set $sig (v128.bitselect (f32x4.mul (local.get $e) (local.get $inv)) (local.get $inv)
            (f32x4.lt (local.get $g) (v128.const f32x4 0 0 0 0))))
          (local.set $s (f32x4.mul (f32x4.mul (local.get $e) (local.get $one)) (local.get $D)))
          (local.set $z (f32x4.mul (local.get $s) (local.get $s)))
          (local.set $sp (f32x4.add (f32x4.pmax (local.get $g) (v128.const f32x4 0 0 0 0))
            (f32x4.mul (f32x4.add (local.get $s) (local.get $s))
              (f32x4.add (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $z)
                (f32x4.add (v128.const f32x4 0.33336741673 0.33336741673 0.33336741673 0.33336741673) (f32x4.mul (local.get $z)
                  (f32x4.add (v128.const f32x4 0.19817984781 0.19817984781 0.19817984781 0.19817984781)
                    (f32x4.mul (local.get $z) (v128.const f32x4 0.16991780616 0.16991780616 0.16991780616 0.16991780616))))))))))
        (if (local.get $deriv) (then
          (local.set $d (f32x4.mul (local.get $C)
            (if (result v128) (i32.eq (local.get $derivKind) (i32.const 1))
              (then (f32x4.mul (f32x4.mul (local.get $e) (local.get $inv)) (local.get $inv)))
              (else (local.get $sig)))))
;;@mask-only
          (local.set $d (v128.and (local.get $d) (local.get $keep)))
;;@end
          (v128.store align=4 (i32.add (local.get $deriv) (local.get $off)) (local.get $d))))
;;@mask-only
        (local.set $sig (v128.and (local.get $sig) (local.get $keep)))
        (local.set $sp (v128.and (local.get $sp) (local.get $keep)))
;;@end
        (local.set $a1 (f32x4.add (local.get $a1) (local.get $sig)))
        (local.set $a2 (f32x4.add (local.get $a2) (local.get $sp)))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br_if $vecLoop (i32.lt_u (local.get $off) (local.get $blockEnd))))
      (local.set $S1 (call $fold (local.get $S1) (local.get $a1)))
      (local.set $S2 (call $fold (local.get $S2) (local.get $a2)))
      (br $blockLoop)))
    (local.get $S1) (local.get $S2))

  ;; the last n (1..3) entries of a row from byte offset off, as $span (the lanes past n read as 0 and dropped)
  (func $partial (param $x i32) (param $mask i32) (param $kind i32) (param $deriv i32) (param $derivKind i32) (param $off i32)
    (param $n i32) (param $p f32) (param $t f32) (param $c f32) (result v128 v128)
    (local $keep v128) (local $g v128) (local $e v128) (local $inv v128) (local $sig v128) (local $sp v128)
    (local.set $keep (call $keepPartial (local.get $mask) (local.get $kind) (i32.shr_u (local.get $off) (i32.const 2)) (local.get $n)))
    (local.set $g (f32x4.mul (f32x4.sub (call $loadPartial (local.get $x) (i32.shr_u (local.get $off) (i32.const 2)) (local.get $n))
      (f32x4.splat (local.get $p))) (f32x4.splat (local.get $t))))
    (local.set $e (call $exp (v128.or (local.get $g) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))))
    (local.set $inv (f32x4.div (v128.const f32x4 1 1 1 1) (f32x4.add (local.get $e) (v128.const f32x4 1 1 1 1))))
    (local.set $sig (v128.and (local.get $keep) (v128.bitselect (f32x4.mul (local.get $e) (local.get $inv)) (local.get $inv)
      (f32x4.lt (local.get $g) (v128.const f32x4 0 0 0 0)))))
    (local.set $sp (v128.and (local.get $keep) (f32x4.add (f32x4.pmax (local.get $g) (v128.const f32x4 0 0 0 0))
      (call $log1pAtanh (local.get $e)))))
    (if (local.get $deriv) (then
      (call $storePartial (i32.add (local.get $deriv) (local.get $off))
        (v128.and (local.get $keep) (f32x4.mul (f32x4.splat (local.get $c))
          (if (result v128) (i32.eq (local.get $derivKind) (i32.const 1))
            (then (f32x4.mul (f32x4.mul (local.get $e) (local.get $inv)) (local.get $inv)))
            (else (local.get $sig)))))
        (local.get $n))))
    (call $fold (v128.const f64x2 0 0) (local.get $sig))
    (call $fold (v128.const f64x2 0 0) (local.get $sp)))

  ;; log1p(e) = 2 atanh(s), s = e / (2 + e), for e in [0, 1], as in $span
  (func $log1pAtanh (param $e v128) (result v128)
    (local $s v128) (local $z v128)
    (local.set $s (f32x4.div (local.get $e) (f32x4.add (local.get $e) (v128.const f32x4 2 2 2 2))))
    (local.set $z (f32x4.mul (local.get $s) (local.get $s)))
    (f32x4.mul (f32x4.add (local.get $s) (local.get $s))
      (f32x4.add (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $z)
        (f32x4.add (v128.const f32x4 0.33336741673 0.33336741673 0.33336741673 0.33336741673) (f32x4.mul (local.get $z)
          (f32x4.add (v128.const f32x4 0.19817984781 0.19817984781 0.19817984781 0.19817984781)
            (f32x4.mul (local.get $z) (v128.const f32x4 0.16991780616 0.16991780616 0.16991780616 0.16991780616)))))))))

  ;; the first n (1..3) lanes of v stored from byte address p
  (func $storePartial (param $p i32) (param $v v128) (param $n i32)
    (f32.store (local.get $p) (f32x4.extract_lane 0 (local.get $v)))
    (if (i32.gt_u (local.get $n) (i32.const 1)) (then (f32.store offset=4 (local.get $p) (f32x4.extract_lane 1 (local.get $v)))))
    (if (i32.gt_u (local.get $n) (i32.const 2)) (then (f32.store offset=8 (local.get $p) (f32x4.extract_lane 2 (local.get $v))))))

;; The log-sum-exp form of the exponential kernel, from the scores, per row b with g = tau (x - pos[b]):
  ;;   outMax[b] = m = max(0, max_k keep g)   (NaN if a kept g is NaN; +Infinity if one is +Infinity)
  ;;   outSum[b] = S = sum_k keep e^(g - m)    (only where m is finite; the caller makes L = m + log(e^-m + S))
  ;; One pass for the maximum, one for the sum (e^(g - m) with g - m <= 0, by $exp); float32 lanes over blocks of
  ;; 64 entries, the blocks in float64.
  (func (export "rowMaxSumExp")
    (param $x i32) (param $pos i32) (param $tau f32) (param $mask i32) (param $kind i32) (param $rows i32) (param $cols i32)
    (param $outMax i32) (param $outSum i32)
    (local $b i32) (local $k i32) (local $i i32) (local $n i32) (local $left i32)
    (local $P v128) (local $T v128) (local $M v128) (local $g v128) (local $keep v128) (local $a v128) (local $S v128)
    (local $m f32)
    (local.set $T (f32x4.splat (local.get $tau)))
    (local.set $b (i32.const 0))
    (block $rowsDone (loop $rowLoop
      (br_if $rowsDone (i32.ge_u (local.get $b) (local.get $rows)))
      (local.set $P (f32x4.splat (f32.load (i32.add (local.get $pos) (i32.shl (local.get $b) (i32.const 2))))))
      ;; pass 1: the maximum of the kept gaps (dropped lanes read as -Infinity), and 0
      (local.set $M (v128.const f32x4 0 0 0 0))
      (local.set $k (i32.const 0))
      (block $maxDone (loop $maxLoop
        (br_if $maxDone (i32.ge_u (local.get $k) (local.get $cols)))
        (local.set $i (i32.add (i32.mul (local.get $b) (local.get $cols)) (local.get $k)))
        (local.set $n (i32.sub (local.get $cols) (local.get $k)))
        (call $scoreGaps (local.get $x) (local.get $mask) (local.get $kind) (local.get $i) (local.get $n) (local.get $P) (local.get $T))
        (local.set $keep) (local.set $g)
        (local.set $M (f32x4.max (local.get $M) (v128.bitselect (local.get $g) (v128.const f32x4 -inf -inf -inf -inf) (local.get $keep))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $maxLoop)))
      (local.set $m (f32.max (f32.max (f32x4.extract_lane 0 (local.get $M)) (f32x4.extract_lane 1 (local.get $M)))
        (f32.max (f32x4.extract_lane 2 (local.get $M)) (f32x4.extract_lane 3 (local.get $M)))))
      (f32.store (i32.add (local.get $outMax) (i32.shl (local.get $b) (i32.const 2))) (local.get $m))
      (local.set $S (v128.const f64x2 0 0))
      ;; pass 2 where m is finite (NaN and +Infinity rows are the caller's)
      (if (f32.lt (f32.abs (local.get $m)) (f32.const inf)) (then
        (local.set $M (f32x4.splat (local.get $m)))
        (local.set $a (v128.const f32x4 0 0 0 0))
        (local.set $left (i32.const 16))
        (local.set $k (i32.const 0))
        (block $sumDone (loop $sumLoop
          (br_if $sumDone (i32.ge_u (local.get $k) (local.get $cols)))
          (local.set $i (i32.add (i32.mul (local.get $b) (local.get $cols)) (local.get $k)))
          (local.set $n (i32.sub (local.get $cols) (local.get $k)))
          (call $scoreGaps (local.get $x) (local.get $mask) (local.get $kind) (local.get $i) (local.get $n) (local.get $P) (local.get $T))
          (local.set $keep) (local.set $g)
          (local.set $a (f32x4.add (local.get $a)
            (v128.and (call $exp (f32x4.sub (local.get $g) (local.get $M))) (local.get $keep))))
          (local.set $left (i32.sub (local.get $left) (i32.const 1)))
          (if (i32.eqz (local.get $left)) (then
            (local.set $S (call $fold (local.get $S) (local.get $a)))
            (local.set $a (v128.const f32x4 0 0 0 0))
            (local.set $left (i32.const 16))))
          (local.set $k (i32.add (local.get $k) (i32.const 4)))
          (br $sumLoop)))
        (local.set $S (call $fold (local.get $S) (local.get $a)))))
      (f32.store (i32.add (local.get $outSum) (i32.shl (local.get $b) (i32.const 2))) (f32.demote_f64 (call $lanes (local.get $S))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $rowLoop))))

  ;; The derivative of the log-sum-exp form: deriv[b, k] = tau keep e^(g - L[b]) (g - L <= 0 where L is finite: L >= m
  ;; >= g; rows where L is not finite are the caller's), dropped entries exactly 0.
  (func (export "rowExpDeriv")
    (param $x i32) (param $pos i32) (param $tau f32) (param $mask i32) (param $kind i32) (param $rows i32) (param $cols i32)
    (param $stats i32) (param $deriv i32)
    (local $b i32) (local $k i32) (local $i i32) (local $n i32) (local $p i32)
    (local $P v128) (local $T v128) (local $L v128) (local $g v128) (local $keep v128) (local $d v128) (local $l f32)
    (local.set $T (f32x4.splat (local.get $tau)))
    (local.set $b (i32.const 0))
    (block $rowsDone (loop $rowLoop
      (br_if $rowsDone (i32.ge_u (local.get $b) (local.get $rows)))
      (local.set $l (f32.load (i32.add (local.get $stats) (i32.shl (local.get $b) (i32.const 2)))))
      (if (f32.lt (f32.abs (local.get $l)) (f32.const inf)) (then
        (local.set $P (f32x4.splat (f32.load (i32.add (local.get $pos) (i32.shl (local.get $b) (i32.const 2))))))
        (local.set $L (f32x4.splat (local.get $l)))
        (local.set $k (i32.const 0))
        (block $colsDone (loop $colLoop
          (br_if $colsDone (i32.ge_u (local.get $k) (local.get $cols)))
          (local.set $i (i32.add (i32.mul (local.get $b) (local.get $cols)) (local.get $k)))
          (local.set $n (i32.sub (local.get $cols) (local.get $k)))
          (call $scoreGaps (local.get $x) (local.get $mask) (local.get $kind) (local.get $i) (local.get $n) (local.get $P) (local.get $T))
          (local.set $keep) (local.set $g)
          (local.set $d (v128.and (f32x4.mul (local.get $T) (call $exp (f32x4.sub (local.get $g) (local.get $L)))) (local.get $keep)))
          (local.set $p (i32.add (local.get $deriv) (i32.shl (local.get $i) (i32.const 2))))
          (if (i32.ge_u (local.get $n) (i32.const 4))
            (then (v128.store align=4 (local.get $p) (local.get $d)))
            (else (call $storePartial (local.get $p) (local.get $d) (local.get $n))))
          (local.set $k (i32.add (local.get $k) (i32.const 4)))
          (br $colLoop)))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $rowLoop))))

  ;; The gaps g = (x - P) T of the 4 entries from element index i (n > 0 left in the row: lanes past n read 0 and
  ;; are dropped), with their keep lanes
  (func $scoreGaps (param $x i32) (param $mask i32) (param $kind i32) (param $i i32) (param $n i32) (param $P v128) (param $T v128)
    (result v128 v128)
    (if (result v128 v128) (i32.ge_u (local.get $n) (i32.const 4))
      (then
        (f32x4.mul (f32x4.sub (v128.load align=4 (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 2)))) (local.get $P)) (local.get $T))
        (if (result v128) (i32.eqz (local.get $kind))
          (then (v128.const i32x4 -1 -1 -1 -1))
          (else (call $keep4 (local.get $mask) (local.get $kind) (local.get $i)))))
      (else
        (f32x4.mul (f32x4.sub (call $loadPartial (local.get $x) (local.get $i) (local.get $n)) (local.get $P)) (local.get $T))
        (call $keepPartial (local.get $mask) (local.get $kind) (local.get $i) (local.get $n)))))

  ;; Backward of the scores form, per row b with c = dy[b]: outNeg[b, k] = c deriv[b, k] and, when outPos != 0,
  ;; outPos[b] = -sum_k outNeg[b, k] (float32 per lane over blocks of 64 entries, the blocks added in float64).
  (func (export "rowScale")
    (param $deriv i32) (param $dy i32) (param $rows i32) (param $cols i32) (param $outNeg i32) (param $outPos i32)
    (local $b i32) (local $off i32) (local $end i32) (local $fullEnd i32) (local $blockEnd i32) (local $n i32)
    (local $c v128) (local $v v128) (local $a v128) (local $S v128)
    (local.set $n (i32.and (local.get $cols) (i32.const 3)))
    (local.set $off (i32.const 0))
    (local.set $b (i32.const 0))
    (block $rowsDone (loop $rowLoop
      (br_if $rowsDone (i32.ge_u (local.get $b) (local.get $rows)))
      (local.set $c (f32x4.splat (f32.load (i32.add (local.get $dy) (i32.shl (local.get $b) (i32.const 2))))))
      (local.set $S (v128.const f64x2 0 0))
      (local.set $end (i32.add (local.get $off) (i32.shl (local.get $cols) (i32.const 2))))
      (local.set $fullEnd (i32.sub (local.get $end) (i32.shl (local.get $n) (i32.const 2))))
      (block $blocksDone (loop $blockLoop
        (br_if $blocksDone (i32.ge_u (local.get $off) (local.get $fullEnd)))
        (local.set $blockEnd (i32.add (local.get $off) (i32.const 256)))
        (if (i32.gt_u (local.get $blockEnd) (local.get $fullEnd)) (then (local.set $blockEnd (local.get $fullEnd))))
        (local.set $a (v128.const f32x4 0 0 0 0))
        (loop $vecLoop
          (local.set $v (f32x4.mul (v128.load align=4 (i32.add (local.get $deriv) (local.get $off))) (local.get $c)))
          (v128.store align=4 (i32.add (local.get $outNeg) (local.get $off)) (local.get $v))
          (local.set $a (f32x4.add (local.get $a) (local.get $v)))
          (local.set $off (i32.add (local.get $off) (i32.const 16)))
          (br_if $vecLoop (i32.lt_u (local.get $off) (local.get $blockEnd))))
        (local.set $S (call $fold (local.get $S) (local.get $a)))
        (br $blockLoop)))
      (if (local.get $n) (then
        (local.set $v (f32x4.mul (call $loadPartial (local.get $deriv) (i32.shr_u (local.get $off) (i32.const 2)) (local.get $n)) (local.get $c)))
        (call $storePartial (i32.add (local.get $outNeg) (local.get $off)) (local.get $v) (local.get $n))
        (local.set $S (call $fold (local.get $S) (local.get $v)))
        (local.set $off (local.get $end))))
      (if (local.get $outPos) (then
        (f32.store (i32.add (local.get $outPos) (i32.shl (local.get $b) (i32.const 2)))
          (f32.demote_f64 (f64.neg (call $lanes (local.get $S)))))))
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
;; Row top-k's filter: the columns c in [0, n) of a row with x[c] > t (NaN never), ascending, written as int32 from
  ;; `out`; returns their count. Sixteen columns per step while none passes, else four: one compare, and the lanes
  ;; only where one passes.
  (func (export "filterAbove") (param $x i32) (param $n i32) (param $t f32) (param $out i32) (result i32)
    (local $c i32) (local $count i32) (local $full i32) (local $full16 i32) (local $p i32) (local $T v128) (local $m v128) (local $lane i32)
    (local.set $T (f32x4.splat (local.get $t)))
    (local.set $full (i32.and (local.get $n) (i32.const -4)))
    ;; 16 columns at a time while none passes (the usual case), then 4 at a time
    (local.set $full16 (i32.and (local.get $n) (i32.const -16)))
    (block $skipDone (loop $skip
      (br_if $skipDone (i32.ge_u (local.get $c) (local.get $full16)))
      (local.set $p (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 2))))
      (br_if $skipDone (v128.any_true (v128.or
        (v128.or (f32x4.gt (v128.load align=4 (local.get $p)) (local.get $T)) (f32x4.gt (v128.load offset=16 align=4 (local.get $p)) (local.get $T)))
        (v128.or (f32x4.gt (v128.load offset=32 align=4 (local.get $p)) (local.get $T)) (f32x4.gt (v128.load offset=48 align=4 (local.get $p)) (local.get $T))))))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br $skip)))
    (block $done (loop $vec
      (br_if $done (i32.ge_u (local.get $c) (local.get $full)))
      ;; back to the 16-column skip at a multiple of 16 (the vector loop only runs until the block with a pass is done)
      (if (i32.and (i32.eqz (i32.and (local.get $c) (i32.const 15))) (i32.lt_u (local.get $c) (local.get $full16))) (then
        (local.set $p (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 2))))
        (if (i32.eqz (v128.any_true (v128.or
          (v128.or (f32x4.gt (v128.load align=4 (local.get $p)) (local.get $T)) (f32x4.gt (v128.load offset=16 align=4 (local.get $p)) (local.get $T)))
          (v128.or (f32x4.gt (v128.load offset=32 align=4 (local.get $p)) (local.get $T)) (f32x4.gt (v128.load offset=48 align=4 (local.get $p)) (local.get $T))))))
          (then (local.set $c (i32.add (local.get $c) (i32.const 16))) (br $vec)))))
      (local.set $m (f32x4.gt (v128.load align=4 (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 2)))) (local.get $T)))
      (if (v128.any_true (local.get $m)) (then
        (local.set $lane (i8x16.bitmask (local.get $m)))
        (if (i32.and (local.get $lane) (i32.const 0x000f)) (then
          (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))) (local.get $c))
          (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (if (i32.and (local.get $lane) (i32.const 0x00f0)) (then
          (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))) (i32.add (local.get $c) (i32.const 1)))
          (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (if (i32.and (local.get $lane) (i32.const 0x0f00)) (then
          (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))) (i32.add (local.get $c) (i32.const 2)))
          (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (if (i32.and (local.get $lane) (i32.const 0xf000)) (then
          (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))) (i32.add (local.get $c) (i32.const 3)))
          (local.set $count (i32.add (local.get $count) (i32.const 1)))))))
      (local.set $c (i32.add (local.get $c) (i32.const 4)))
      (br $vec)))
    (block $tailDone (loop $tail
      (br_if $tailDone (i32.ge_u (local.get $c) (local.get $n)))
      (if (f32.gt (f32.load (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 2)))) (local.get $t)) (then
        (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))) (local.get $c))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $tail)))
    (local.get $count))

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

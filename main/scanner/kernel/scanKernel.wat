;; Keyward's scan kernel: one pass over a text, 16 bytes at a time (WebAssembly SIMD), reporting
;; (1) runs of token characters long enough to hold a secret, and (2) aligned 8-byte blocks whose keyed
;; hash is in the vault's bitmap. Everything else (rules, fingerprints, snippets) is JavaScript on
;; these rare events. Layout (bytes): 0 token table (lo nibble), 16 token table (hi nibble), 32/48 vault
;; character tables, 64/80 digit tables, 1024 anchor bitmap (8 KiB), 65536 vault bitmap (2 MiB).
;; Events are pairs of u32: (offset, len << 2 | 1) for a run, (offset, hash << 2 | 2) for a vault block.
;; The text must be followed by 16 zero bytes.
(module
  (memory (export "memory") 40)
  (global $vaultKey (export "vaultKey") (mut i64) (i64.const 0))
  (global $anchorKey (export "anchorKey") (mut i32) (i32.const 0))

  ;; Is the 4-byte gram at $at one of the rules' prefixes (a run without a digit still counts then)?
  (func $anchored (param $at i32) (result i32)
    (local $h i32)
    (local.set $h (i32.shr_u (i32.mul (i32.load (local.get $at)) (global.get $anchorKey)) (i32.const 16)))
    (i32.and (i32.load8_u offset=1024 (i32.shr_u (local.get $h) (i32.const 3)))
             (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 7)))))

  ;; The keyed hash of the 8 bytes at $at, 24 bits.
  (func $blockHash (param $at i32) (result i32)
    (i32.wrap_i64 (i64.shr_u (i64.mul (i64.load (local.get $at)) (global.get $vaultKey)) (i64.const 40))))

  (func $inVault (param $h i32) (result i32)
    (i32.and (i32.load8_u offset=65536 (i32.shr_u (local.get $h) (i32.const 3)))
             (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 7)))))

  (func (export "scan") (param $text i32) (param $n i32) (param $events i32) (param $minRun i32) (param $vault i32) (result i32)
    (local $p i32) (local $last i32) (local $out i32) (local $h i32)
    (local $chunk v128) (local $lo v128) (local $hi v128)
    (local $tlo v128) (local $thi v128) (local $vlo v128) (local $vhi v128) (local $dlo v128) (local $dhi v128)
    (local $m i32) (local $vm i32) (local $dm i32) (local $inv i32)
    (local $runLen i32) (local $runDigit i32) (local $tz i32) (local $lz i32) (local $lead i32) (local $start i32)
    (local.set $out (local.get $events))
    (local.set $tlo (v128.load (i32.const 0))) (local.set $thi (v128.load (i32.const 16)))
    (local.set $vlo (v128.load (i32.const 32))) (local.set $vhi (v128.load (i32.const 48)))
    (local.set $dlo (v128.load (i32.const 64))) (local.set $dhi (v128.load (i32.const 80)))
    (local.set $p (local.get $text))
    (local.set $last (i32.add (local.get $text) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (local.get $p) (local.get $last)))
        (local.set $chunk (v128.load (local.get $p)))
        (local.set $lo (v128.and (local.get $chunk) (i8x16.splat (i32.const 15))))
        (local.set $hi (i8x16.shr_u (local.get $chunk) (i32.const 4)))
        (local.set $m (i8x16.bitmask (i8x16.ne
          (v128.and (i8x16.swizzle (local.get $tlo) (local.get $lo)) (i8x16.swizzle (local.get $thi) (local.get $hi)))
          (v128.const i32x4 0 0 0 0))))
        (local.set $dm (i8x16.bitmask (i8x16.ne
          (v128.and (i8x16.swizzle (local.get $dlo) (local.get $lo)) (i8x16.swizzle (local.get $dhi) (local.get $hi)))
          (v128.const i32x4 0 0 0 0))))
        (if (local.get $vault)
          (then
            (local.set $vm (i8x16.bitmask (i8x16.ne
              (v128.and (i8x16.swizzle (local.get $vlo) (local.get $lo)) (i8x16.swizzle (local.get $vhi) (local.get $hi)))
              (v128.const i32x4 0 0 0 0))))
            (if (i32.eq (i32.and (local.get $vm) (i32.const 255)) (i32.const 255))
              (then
                (local.set $h (call $blockHash (local.get $p)))
                (if (call $inVault (local.get $h)) (then
                  (i32.store (local.get $out) (i32.sub (local.get $p) (local.get $text)))
                  (i32.store offset=4 (local.get $out) (i32.or (i32.shl (local.get $h) (i32.const 2)) (i32.const 2)))
                  (local.set $out (i32.add (local.get $out) (i32.const 8)))))))
            (if (i32.eq (i32.and (local.get $vm) (i32.const 65280)) (i32.const 65280))
              (then
                (local.set $h (call $blockHash (i32.add (local.get $p) (i32.const 8))))
                (if (call $inVault (local.get $h)) (then
                  (i32.store (local.get $out) (i32.sub (i32.add (local.get $p) (i32.const 8)) (local.get $text)))
                  (i32.store offset=4 (local.get $out) (i32.or (i32.shl (local.get $h) (i32.const 2)) (i32.const 2)))
                  (local.set $out (i32.add (local.get $out) (i32.const 8)))))))))
        (if (i32.eq (local.get $m) (i32.const 65535))
          (then
            (local.set $runLen (i32.add (local.get $runLen) (i32.const 16)))
            (local.set $runDigit (i32.or (local.get $runDigit) (local.get $dm))))
          (else
            ;; the run open before this chunk ends after its first $tz bytes
            (local.set $inv (i32.xor (local.get $m) (i32.const 65535)))
            (local.set $tz (i32.ctz (local.get $inv)))
            (local.set $lead (i32.add (local.get $runLen) (local.get $tz)))
            (if (i32.ge_u (local.get $lead) (local.get $minRun))
              (then
                (local.set $start (i32.sub (i32.add (local.get $p) (local.get $tz)) (local.get $lead)))
                (if (i32.or
                      (i32.or (local.get $runDigit) (i32.and (local.get $dm) (i32.sub (i32.shl (i32.const 1) (local.get $tz)) (i32.const 1))))
                      (call $anchored (local.get $start)))
                  (then
                    (i32.store (local.get $out) (i32.sub (local.get $start) (local.get $text)))
                    (i32.store offset=4 (local.get $out) (i32.or (i32.shl (local.get $lead) (i32.const 2)) (i32.const 1)))
                    (local.set $out (i32.add (local.get $out) (i32.const 8)))))))
            ;; runs inside the chunk are shorter than 15 bytes; only the one reaching its end goes on
            (local.set $lz (i32.sub (i32.clz (local.get $inv)) (i32.const 16)))
            (local.set $runLen (local.get $lz))
            (local.set $runDigit (i32.const 0))
            (if (local.get $lz) (then
              (local.set $runDigit (i32.shr_u (i32.shl (local.get $dm) (i32.const 16)) (i32.sub (i32.const 32) (local.get $lz))))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next)))
    (i32.shr_u (i32.sub (local.get $out) (local.get $events)) (i32.const 3)))
)

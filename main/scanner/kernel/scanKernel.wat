;; Keyward's scan kernel: one pass over a text, 64 bytes at a time (WebAssembly SIMD), reporting
;; (1) runs of token characters long enough to hold a secret, and (2) aligned 8-byte blocks whose keyed
;; hash is in the vault's bitmap. Everything else (rules, fingerprints, snippets) is JavaScript on
;; these rare events.
;;
;; Memory (bytes):
;;   0      token characters: a table by low nibble (16 bytes), then one by high nibble (16 bytes)
;;   32     vault characters: the same two tables
;;   1024   anchor bitmap (8 KiB): a bit per 16-bit hash of a rule prefix's first 4 bytes
;;   16384  the kernel's scratch (6 KiB)
;;   32768  vault filter (32 KiB): bit f is set when any of the block hashes 64 f .. 64 f + 63 is set
;;          in the bitmap (a folded copy that stays in the cache)
;;   65536  vault bitmap (2 MiB): a bit per 24-bit block hash
;;   0x210000 scheme separators (64 KiB): the offset (u32) of each '://' in the text, in order
;; An ASCII byte c is in a class when lo[c & 15] & hi[c >> 4] is non-zero. Both hi tables are the same
;; (bit c >> 4 below 128, nothing above), so the main loop looks the high nibble up once, in the token
;; one, for both classes. Digits are '0' to '9'.
;;
;; Events are pairs of u32: (offset, len << 2 | 1) for a run, (offset, hash << 2 | 2) for a vault block.
;; - Runs: every maximal run of token characters, at least minRun long (16 or more), that holds a digit
;;   or whose first 4 bytes hash into the anchor bitmap; in increasing offset order.
;; - Vault blocks (with $vault non-zero): every 8 bytes at a multiple of 8 from the text's start, all
;;   vault characters, whose keyed 24-bit hash is set in the vault bitmap; in increasing offset order.
;;   The blocks examined are those at offsets up to (n & ~15) + 8: the last ones reach into the zeros
;;   past the text.
;; The two kinds interleave in no particular order. The pair after the last one reported may be
;; written too (the events area holds room for it).
;;
;; - Scheme separators: the offset of every '://' in the text, in increasing order, from 0x210000 on; the
;;   global $schemesEnd says where the list ends, or is 0x220004 when there were more than it holds (16,384).
;;   (URL rules look at each one; JavaScript's search for them cost more than the whole kernel.)
;;
;; The text must be followed by 80 zero bytes: the last 64-byte block reads up to 63 bytes past the
;; text (65 for the scheme separators), and the zeros (not token characters) end a run that reaches the
;; text's end; a ':' or '/' is never a zero, so no separator is reported past the text.
;;
;; How. The text goes by in blocks of 64 bytes, and each becomes a 64-bit mask of its non-token bytes.
;; A shift-and over the token mask (x &= x << 1, << 2, << 4, << 8) sets bit j when bytes j-15 .. j are
;; all token characters: the bytes that end a run of 16 or more show up at once, and with the length of
;; the run carried in from earlier blocks that is all most blocks need. A block where a long run ends
;; (about one in five in source code, mostly identifiers) goes to a list in the scratch, and after a
;; segment of up to 256 blocks each listed run is measured and checked for a digit (its last 64 bytes
;; at once) or an anchor. With the vault on, a block also gives an 8-bit mask of its 8-byte lanes of
;; vault characters: when all vault characters are token characters, from the zero bytes of the
;; non-token mask (a candidate that passes the filter is then checked for vault characters), otherwise
;; from the vault tables. The lanes of 8 blocks are hashed together and asked of the filter, which sits
;; in the cache where the 2 MiB bitmap does not. A branch that goes one way or the other from block to
;; block costs more than the work it would save: the per-block path has none but ones that nearly
;; always go the same way, and the few blocks that matter are handled in batches.
(module
  (memory (export "memory") 40)
  (global $vaultKey (export "vaultKey") (mut i64) (i64.const 0))
  (global $anchorKey (export "anchorKey") (mut i32) (i32.const 0))
  (global $schemesEnd (export "schemesEnd") (mut i32) (i32.const 0x210000))

  ;; Writes the offset of each '://' the 64-bit $mask marks (bit i: one starts at $base + i), in order,
  ;; while the list has room; returns where the next goes (0x220004 once it ran out of room).
  (func $schemes (param $text i32) (param $base i32) (param $mask i64) (param $out i32) (result i32)
    (block $done
      (loop $each
        (br_if $done (i64.eqz (local.get $mask)))
        (if (i32.ge_u (local.get $out) (i32.const 0x220000)) (then (return (i32.const 0x220004))))
        (i32.store (local.get $out)
          (i32.sub (i32.add (local.get $base) (i32.wrap_i64 (i64.ctz (local.get $mask)))) (local.get $text)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $mask (i64.and (local.get $mask) (i64.sub (local.get $mask) (i64.const 1))))
        (br $each)))
    (local.get $out))

  ;; The bytes of the 16 at $at that start a '://' (all ones there), given the 16 bytes themselves.
  (func $separators (param $at i32) (param $c v128) (result v128)
    (v128.and (i8x16.eq (local.get $c) (i8x16.splat (i32.const 0x3a)))
      (v128.and (i8x16.eq (v128.load offset=1 (local.get $at)) (i8x16.splat (i32.const 0x2f)))
                (i8x16.eq (v128.load offset=2 (local.get $at)) (i8x16.splat (i32.const 0x2f))))))

  ;; Is the 4-byte gram at $at one of the rules' prefixes (a run without a digit still counts then)?
  (func $anchored (param $at i32) (result i32)
    (local $h i32)
    (local.set $h (i32.shr_u (i32.mul (i32.load (local.get $at)) (global.get $anchorKey)) (i32.const 16)))
    (i32.and (i32.load8_u offset=1024 (i32.shr_u (local.get $h) (i32.const 3)))
             (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 7)))))

  ;; Is the block hash $h set in the vault bitmap?
  (func $inVault (param $h i32) (result i32)
    (i32.and (i32.load8_u offset=65536 (i32.shr_u (local.get $h) (i32.const 3)))
             (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 7)))))

  ;; Are the 8 bytes at $at all vault characters?
  (func $allVault (param $at i32) (result i32)
    (local $c v128)
    (local.set $c (v128.load64_zero (local.get $at)))
    (i32.eq (i32.and (i8x16.bitmask (i8x16.ne
      (v128.and (i8x16.swizzle (v128.load (i32.const 32)) (v128.and (local.get $c) (i8x16.splat (i32.const 15))))
                (i8x16.swizzle (v128.load (i32.const 48)) (i8x16.shr_u (local.get $c) (i32.const 4))))
      (v128.const i32x4 0 0 0 0))) (i32.const 255)) (i32.const 255)))

  ;; Writes a vault event for the 8 bytes at $base + 8 i, for each bit i of $lanes, in order, when they
  ;; are all vault characters and their hash is in the vault bitmap; returns where the next event goes.
  (func $lookUp (param $text i32) (param $base i32) (param $lanes i64) (param $out i32) (result i32)
    (local $key i64) (local $at i32) (local $h i32)
    (local.set $key (global.get $vaultKey))
    (block $done
      (loop $each
        (br_if $done (i64.eqz (local.get $lanes)))
        (local.set $at (i32.add (local.get $base) (i32.shl (i32.wrap_i64 (i64.ctz (local.get $lanes))) (i32.const 3))))
        (local.set $h (i32.wrap_i64 (i64.shr_u (i64.mul (i64.load (local.get $at)) (local.get $key)) (i64.const 40))))
        ;; the filter first: past it, almost never
        (if (i32.and (i32.shr_u (i32.load offset=32768 (i32.and (i32.shr_u (local.get $h) (i32.const 9)) (i32.const -4)))
                                (i32.shr_u (local.get $h) (i32.const 6)))
                     (i32.const 1))
          (then
            (if (call $inVault (local.get $h)) (then (if (call $allVault (local.get $at)) (then
              (i32.store (local.get $out) (i32.sub (local.get $at) (local.get $text)))
              (i32.store offset=4 (local.get $out) (i32.or (i32.shl (local.get $h) (i32.const 2)) (i32.const 2)))
              (local.set $out (i32.add (local.get $out) (i32.const 8)))))))))
        (local.set $lanes (i64.and (local.get $lanes) (i64.sub (local.get $lanes) (i64.const 1))))
        (br $each)))
    (local.get $out))

  ;; Bit i: byte $at + i is a digit (c + 0x50 is then below -118 as a signed byte).
  (func $digits (param $at i32) (result i64)
    (local $add v128) (local $below v128)
    (local.set $add (i8x16.splat (i32.const 0x50))) (local.set $below (i8x16.splat (i32.const -118)))
    (i64.or
      (i64.extend_i32_u (i32.or
        (i8x16.bitmask (i8x16.lt_s (i8x16.add (v128.load (local.get $at)) (local.get $add)) (local.get $below)))
        (i32.shl (i8x16.bitmask (i8x16.lt_s (i8x16.add (v128.load offset=16 (local.get $at)) (local.get $add)) (local.get $below))) (i32.const 16))))
      (i64.shl (i64.extend_i32_u (i32.or
        (i8x16.bitmask (i8x16.lt_s (i8x16.add (v128.load offset=32 (local.get $at)) (local.get $add)) (local.get $below)))
        (i32.shl (i8x16.bitmask (i8x16.lt_s (i8x16.add (v128.load offset=48 (local.get $at)) (local.get $add)) (local.get $below))) (i32.const 16))))
        (i64.const 32))))

  ;; Does [$at, $at + $len) hold a digit? 16 bytes at a time: may read 15 bytes past its end.
  (func $hasDigit (param $at i32) (param $len i32) (result i32)
    (local $end i32) (local $left i32) (local $m i32)
    (local.set $end (i32.add (local.get $at) (local.get $len)))
    (loop $next
      (local.set $m (i8x16.bitmask (i8x16.lt_s (i8x16.add (v128.load (local.get $at)) (i8x16.splat (i32.const 0x50)))
                                               (i8x16.splat (i32.const -118)))))
      (local.set $left (i32.sub (local.get $end) (local.get $at)))
      (if (i32.lt_u (local.get $left) (i32.const 16))
        (then (local.set $m (i32.and (local.get $m) (i32.sub (i32.shl (i32.const 1) (local.get $left)) (i32.const 1))))))
      (if (local.get $m) (then (return (i32.const 1))))
      (local.set $at (i32.add (local.get $at) (i32.const 16)))
      (br_if $next (i32.lt_u (local.get $at) (local.get $end))))
    (i32.const 0))

  ;; The list from $from to $to holds 24 bytes for each block where long runs end: the block's offset
  ;; in the text, the length of the run carried into it (u32 each), its non-token mask and the mask of
  ;; the bytes just past a long run (u64 each). Writes the events of those runs that hold a digit or
  ;; start with an anchor, in order; returns where the next event goes.
  (func $runs (param $text i32) (param $from i32) (param $to i32) (param $out i32) (param $minRun i32) (result i32)
    (local $p i32) (local $runLen i32) (local $nonToken i64) (local $ends i64) (local $below i64)
    (local $close i32) (local $s i32) (local $first i32) (local $len i32) (local $ok i32)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
        (local.set $p (i32.add (local.get $text) (i32.load (local.get $from))))
        (local.set $runLen (i32.load offset=4 (local.get $from)))
        (local.set $nonToken (i64.load offset=8 (local.get $from)))
        (local.set $ends (i64.load offset=16 (local.get $from)))
        (loop $eachRun
          ;; The run ends before byte $close of the block and starts just past the last non-token
          ;; byte before it, at $s; with none, at the block's start, and a run carried in goes back
          ;; $runLen more: $first (from the block's start) is then negative.
          (local.set $close (i32.wrap_i64 (i64.ctz (local.get $ends))))
          (local.set $below (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $close))) (i64.const 1)))
          (local.set $s (i32.sub (i32.const 64) (i32.wrap_i64 (i64.clz (i64.and (local.get $nonToken) (local.get $below))))))
          (local.set $first (i32.sub (local.get $s) (select (local.get $runLen) (i32.const 0) (i32.eqz (local.get $s)))))
          (local.set $len (i32.sub (local.get $close) (local.get $first)))
          ;; a digit among the run's last 64 bytes (the top $len bits of the 64 before its end) or an
          ;; anchor; before those 64 bytes only when that is not enough (rare: a longer run)
          (local.set $ok (i32.or
            (i64.ne (i64.shr_u (call $digits (i32.sub (i32.add (local.get $p) (local.get $close)) (i32.const 64)))
                               (i64.extend_i32_u (select (i32.sub (i32.const 64) (local.get $len)) (i32.const 0)
                                                         (i32.lt_u (local.get $len) (i32.const 64)))))
                    (i64.const 0))
            (i32.ne (call $anchored (i32.add (local.get $p) (local.get $first))) (i32.const 0))))
          (if (i32.and (i32.eqz (local.get $ok)) (i32.gt_u (local.get $len) (i32.const 64)))
            (then (local.set $ok (call $hasDigit (i32.add (local.get $p) (local.get $first)) (i32.sub (local.get $len) (i32.const 64))))))
          (local.set $ok (i32.and (local.get $ok) (i32.ge_u (local.get $len) (local.get $minRun))))
          ;; written always, kept when it counts
          (i32.store (local.get $out) (i32.sub (i32.add (local.get $p) (local.get $first)) (local.get $text)))
          (i32.store offset=4 (local.get $out) (i32.or (i32.shl (local.get $len) (i32.const 2)) (i32.const 1)))
          (local.set $out (i32.add (local.get $out) (i32.shl (local.get $ok) (i32.const 3))))
          (local.set $ends (i64.and (local.get $ends) (i64.sub (local.get $ends) (i64.const 1))))
          (br_if $eachRun (i64.ne (local.get $ends) (i64.const 0))))
        (local.set $from (i32.add (local.get $from) (i32.const 24)))
        (br $each)))
    (local.get $out))

  (func (export "scan") (param $text i32) (param $n i32) (param $events i32) (param $minRun i32) (param $vault i32) (result i32)
    (local $p i32) (local $last i32) (local $stop i32) (local $laneEnd i32) (local $out i32) (local $list i32)
    (local $tokenLo v128) (local $vaultLo v128) (local $hiBits v128) (local $nibble v128) (local $zero v128)
    (local $c v128) (local $lo v128) (local $hi v128)
    (local $m0 i32) (local $m1 i32) (local $m2 i32) (local $m3 i32)
    (local $nonToken i64) (local $long i64) (local $ends i64) (local $nonZero i64) (local $pending i64)
    (local $lanes i32) (local $runLen i32) (local $tz i32) (local $fromTokens i32) (local $classify i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $sch i32)
    (local.set $out (local.get $events))
    (local.set $sch (i32.const 0x210000))
    (local.set $tokenLo (v128.load (i32.const 0))) (local.set $hiBits (v128.load (i32.const 16)))
    (local.set $vaultLo (v128.load (i32.const 32)))
    (local.set $nibble (i8x16.splat (i32.const 15)))
    ;; ($zero is never set: all zeros)
    ;; When no vault character is outside the token characters (no bit of the vault lo table missing
    ;; from the token one), lanes of vault characters are among the lanes of token characters, which
    ;; the non-token mask already tells; otherwise each 16 bytes are classified for the vault too.
    (if (local.get $vault) (then
      (local.set $fromTokens (i32.eqz (v128.any_true (v128.andnot (local.get $vaultLo) (local.get $tokenLo)))))
      (local.set $classify (i32.eqz (local.get $fromTokens)))))
    (local.set $p (local.get $text))
    (local.set $last (i32.add (local.get $text) (local.get $n)))
    (local.set $laneEnd (i32.add (local.get $text) (i32.add (i32.and (local.get $n) (i32.const -16)) (i32.const 8))))
    ;; every block up to the one holding the first byte past the text, in segments of up to 256 blocks
    (loop $segment
      (local.set $list (i32.const 16384))
      (local.set $stop (select (local.get $last) (i32.add (local.get $p) (i32.const 16320))
                               (i32.lt_u (local.get $last) (i32.add (local.get $p) (i32.const 16320)))))
      (loop $next
        ;; per 16 bytes: bit i of $mK is set when byte i is not a token character; with the vault
        ;; classified here, two bits of $lanes tell which 8-byte halves are all vault characters.
        ;; (The high nibble by i16x8.shr_u and a mask: i8x16.shr_u costs more.)
        (local.set $lanes (i32.const 0))
        (local.set $c (v128.load (local.get $p)))
        (local.set $s0 (call $separators (local.get $p) (local.get $c)))
        (local.set $lo (v128.and (local.get $c) (local.get $nibble)))
        (local.set $hi (i8x16.swizzle (local.get $hiBits) (v128.and (i16x8.shr_u (local.get $c) (i32.const 4)) (local.get $nibble))))
        (local.set $m0 (i8x16.bitmask (i8x16.eq (v128.and (i8x16.swizzle (local.get $tokenLo) (local.get $lo)) (local.get $hi)) (local.get $zero))))
        (if (local.get $classify) (then
          (local.set $lanes (i64x2.bitmask (i64x2.eq (local.get $zero)
            (i8x16.eq (v128.and (i8x16.swizzle (local.get $vaultLo) (local.get $lo)) (local.get $hi)) (local.get $zero)))))))
        (local.set $c (v128.load offset=16 (local.get $p)))
        (local.set $s1 (call $separators (i32.add (local.get $p) (i32.const 16)) (local.get $c)))
        (local.set $lo (v128.and (local.get $c) (local.get $nibble)))
        (local.set $hi (i8x16.swizzle (local.get $hiBits) (v128.and (i16x8.shr_u (local.get $c) (i32.const 4)) (local.get $nibble))))
        (local.set $m1 (i8x16.bitmask (i8x16.eq (v128.and (i8x16.swizzle (local.get $tokenLo) (local.get $lo)) (local.get $hi)) (local.get $zero))))
        (if (local.get $classify) (then
          (local.set $lanes (i32.or (local.get $lanes) (i32.shl (i64x2.bitmask (i64x2.eq (local.get $zero)
            (i8x16.eq (v128.and (i8x16.swizzle (local.get $vaultLo) (local.get $lo)) (local.get $hi)) (local.get $zero)))) (i32.const 2))))))
        (local.set $c (v128.load offset=32 (local.get $p)))
        (local.set $s2 (call $separators (i32.add (local.get $p) (i32.const 32)) (local.get $c)))
        (local.set $lo (v128.and (local.get $c) (local.get $nibble)))
        (local.set $hi (i8x16.swizzle (local.get $hiBits) (v128.and (i16x8.shr_u (local.get $c) (i32.const 4)) (local.get $nibble))))
        (local.set $m2 (i8x16.bitmask (i8x16.eq (v128.and (i8x16.swizzle (local.get $tokenLo) (local.get $lo)) (local.get $hi)) (local.get $zero))))
        (if (local.get $classify) (then
          (local.set $lanes (i32.or (local.get $lanes) (i32.shl (i64x2.bitmask (i64x2.eq (local.get $zero)
            (i8x16.eq (v128.and (i8x16.swizzle (local.get $vaultLo) (local.get $lo)) (local.get $hi)) (local.get $zero)))) (i32.const 4))))))
        (local.set $c (v128.load offset=48 (local.get $p)))
        (local.set $s3 (call $separators (i32.add (local.get $p) (i32.const 48)) (local.get $c)))
        (local.set $lo (v128.and (local.get $c) (local.get $nibble)))
        (local.set $hi (i8x16.swizzle (local.get $hiBits) (v128.and (i16x8.shr_u (local.get $c) (i32.const 4)) (local.get $nibble))))
        (local.set $m3 (i8x16.bitmask (i8x16.eq (v128.and (i8x16.swizzle (local.get $tokenLo) (local.get $lo)) (local.get $hi)) (local.get $zero))))
        (if (local.get $classify) (then
          (local.set $lanes (i32.or (local.get $lanes) (i32.shl (i64x2.bitmask (i64x2.eq (local.get $zero)
            (i8x16.eq (v128.and (i8x16.swizzle (local.get $vaultLo) (local.get $lo)) (local.get $hi)) (local.get $zero)))) (i32.const 6))))))
        (local.set $nonToken (i64.or
          (i64.extend_i32_u (i32.or (local.get $m0) (i32.shl (local.get $m1) (i32.const 16))))
          (i64.shl (i64.extend_i32_u (i32.or (local.get $m2) (i32.shl (local.get $m3) (i32.const 16)))) (i64.const 32))))
        (if (local.get $fromTokens) (then
          ;; the lanes whose byte of $nonToken is zero: the top bit of each byte of $nonZero is set when
          ;; that byte is not, and the multiply gathers bit 7 of each byte into the top byte
          (local.set $nonZero (i64.or (i64.add (i64.and (local.get $nonToken) (i64.const 0x7f7f7f7f7f7f7f7f)) (i64.const 0x7f7f7f7f7f7f7f7f))
                                      (local.get $nonToken)))
          (local.set $lanes (i32.wrap_i64 (i64.shr_u
            (i64.mul (i64.shr_u (i64.and (i64.xor (local.get $nonZero) (i64.const -1)) (i64.const 0x8080808080808080)) (i64.const 7))
                     (i64.const 0x0102040810204080))
            (i64.const 56))))))

        ;; a '://' in the block (rare: one block in thirty on eslint's history): its offsets to the list
        (if (v128.any_true (v128.or (v128.or (local.get $s0) (local.get $s1)) (v128.or (local.get $s2) (local.get $s3))))
          (then (local.set $sch (call $schemes (local.get $text) (local.get $p)
            (i64.or
              (i64.extend_i32_u (i32.or (i8x16.bitmask (local.get $s0)) (i32.shl (i8x16.bitmask (local.get $s1)) (i32.const 16))))
              (i64.shl (i64.extend_i32_u (i32.or (i8x16.bitmask (local.get $s2)) (i32.shl (i8x16.bitmask (local.get $s3)) (i32.const 16))))
                       (i64.const 32)))
            (local.get $sch)))))

        (if (i64.eqz (local.get $nonToken))
          (then (local.set $runLen (i32.add (local.get $runLen) (i32.const 64))))
          (else
            ;; bit j of $long: bytes j-15 .. j are all token characters (counting from the block's start)
            (local.set $long (i64.xor (local.get $nonToken) (i64.const -1)))
            (local.set $long (i64.and (local.get $long) (i64.shl (local.get $long) (i64.const 1))))
            (local.set $long (i64.and (local.get $long) (i64.shl (local.get $long) (i64.const 2))))
            (local.set $long (i64.and (local.get $long) (i64.shl (local.get $long) (i64.const 4))))
            (local.set $long (i64.and (local.get $long) (i64.shl (local.get $long) (i64.const 8))))
            ;; bit c of $ends: byte c is the first past a run of 16 or more. The run carried in ends
            ;; at the first non-token byte ($tz, the lowest bit of $nonToken) and counts whole.
            (local.set $tz (i32.wrap_i64 (i64.ctz (local.get $nonToken))))
            (local.set $ends (i64.or (i64.and (i64.shl (local.get $long) (i64.const 1)) (local.get $nonToken))
              (select (i64.and (local.get $nonToken) (i64.sub (i64.const 0) (local.get $nonToken))) (i64.const 0)
                      (i32.ge_u (i32.add (local.get $runLen) (local.get $tz)) (local.get $minRun)))))
            ;; written always, kept on the list when a long run ends here
            (i32.store (local.get $list) (i32.sub (local.get $p) (local.get $text)))
            (i32.store offset=4 (local.get $list) (local.get $runLen))
            (i64.store offset=8 (local.get $list) (local.get $nonToken))
            (i64.store offset=16 (local.get $list) (local.get $ends))
            (local.set $list (i32.add (local.get $list) (select (i32.const 24) (i32.const 0) (i64.ne (local.get $ends) (i64.const 0)))))
            ;; the run reaching the block's end goes on into the next
            (local.set $runLen (i32.wrap_i64 (i64.clz (local.get $nonToken))))))

        ;; in the last blocks, only the 8-byte blocks at offsets up to (n & ~15) + 8
        (if (i32.gt_u (i32.add (local.get $p) (i32.const 56)) (local.get $laneEnd))
          (then (local.set $lanes (i32.and (local.get $lanes)
            (i32.sub (i32.shl (i32.const 2) (i32.shr_u (i32.sub (local.get $laneEnd) (local.get $p)) (i32.const 3))) (i32.const 1))))))
        ;; the lanes of the last 8 blocks, a byte each, oldest lowest: bit i is for the 8 bytes at
        ;; $p + 64 - 512 + 8 i. Looked up together, every eighth block.
        (local.set $pending (i64.or (i64.shr_u (local.get $pending) (i64.const 8))
                                    (i64.shl (i64.extend_i32_u (local.get $lanes)) (i64.const 56))))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (if (i32.eqz (i32.and (i32.sub (local.get $p) (local.get $text)) (i32.const 511)))
          (then
            (local.set $out (call $lookUp (local.get $text) (i32.sub (local.get $p) (i32.const 512)) (local.get $pending) (local.get $out)))
            (local.set $pending (i64.const 0))))
        (br_if $next (i32.le_u (local.get $p) (local.get $stop))))
      (local.set $out (call $runs (local.get $text) (i32.const 16384) (local.get $list) (local.get $out) (local.get $minRun)))
      (br_if $segment (i32.le_u (local.get $p) (local.get $last))))
    ;; the lanes of the last blocks, fewer than 8
    (local.set $out (call $lookUp (local.get $text) (i32.sub (local.get $p) (i32.const 512)) (local.get $pending) (local.get $out)))
    (global.set $schemesEnd (local.get $sch))
    (i32.shr_u (i32.sub (local.get $out) (local.get $events)) (i32.const 3)))
)

;; The WebAssembly scanner behind TermMatcher.findAll (termMatcher.ts) on large texts; scanner.ts
;; fills the tables and owns the memory layout below. Compiled by scripts/build-wasm.mjs.
;;
;; scan(in, end, base, last, out, units): the bytes [in, end) of a slice of the text, UTF-8
;; (units = 0: TextEncoder, in browsers), or its UTF-16 code units narrowed to a byte each by
;; narrow() (units = 1: copied by Node's Buffer, seven times faster than encoding UTF-8); a
;; narrowed unit above U+00FF is 0xff, read as a word character that JavaScript must read. The
;; slice starts at UTF-16 offset `base`, at a position that is not inside a word, and ends before
;; a word or a character that is not a word character, or at the end of the text (`last` = 1). At least 32
;; readable bytes follow `end`. Writes candidates from `out`, five int32 each, in text order,
;; and returns the address after the last:
;;   (start, end, node, reach, upper), start >= 0: termMatcher.ts longestFrom, from the word at
;;     UTF-16 offset `start`, finds a spelling ending at `end` at trie node number `node`, if no
;;     excluded range starts at or before `reach` (the furthest offset it compared with its
;;     limit); JavaScript still checks the case of the node's entries, helped by `upper`: bit p
;;     set when the text character matched with the spelling's character p (p < 32) is an
;;     upper-case ASCII letter;
;;   (~start, end, -1, -1, 0): JavaScript reads text[start, end) itself: a word with a non-ASCII
;;     character, or one whose walk met a non-ASCII character or the end of the slice.
;; Every other word is one in which TermMatcher.findInRange finds nothing.
;;
;; Words are maximal runs of word characters: ASCII letters and digits, non-ASCII code points
;; below U+3000 whose class-table entry is 1 (characters.ts isWordChar), and every code point
;; from U+3000 up (a superset of the word characters: such words go to JavaScript anyway).
;;
;; Two passes. The first finds the words 64 bytes at a time with SIMD, reads each block's word
;; starts and ends in pairs, computes the first-word key of each word (termMatcher.ts
;; firstWordKey: a hash of its folded first four characters, its last one and its length) and
;; writes a record (utf16Start, utf16End, key, byteEnd; 20 bytes, the size of a candidate) for
;; every word, moving on only for those in the first-word bitmap (and non-ASCII words); no
;; branch depends on a word's letters. The second ($filter) drops the words after which the
;; continuation bitmap says no spelling can go on, walks the trie from the others, and writes
;; the candidates in place.
;;
;; Memory layout (scanner.ts places the first-word table, the trie, `out` and `in` above 0x44000):
;;   0x00000 .. 0x03000  class table by code point below U+3000: 1 for word characters, else 0
;;   0x03000 .. 0x03080  folded code of every ASCII character (separators fold to 0x20)
;;   0x03100 .. 0x03110  addresses of the trie's nodes (+0) and of the first-word table (+8),
;;                       and the table's mask (+12)
;;   0x04000 .. 0x24000  the first-word bitmap (2^20 bits, little-endian 32-bit words)
;;   0x24000 .. 0x44000  the continuation bitmap (2^20 bits; scanner.ts continuationKey)
(module
  (memory (export "memory") 5)

  ;; The code point whose UTF-8 lead byte is at $p (valid UTF-8, lead byte >= 0x80).
  (func $codePointAt (param $p i32) (result i32)
    (local $b0 i32)
    (local.set $b0 (i32.load8_u (local.get $p)))
    (if (i32.lt_u (local.get $b0) (i32.const 0xe0))
      (then
        (return
          (i32.or
            (i32.shl (i32.and (local.get $b0) (i32.const 0x1f)) (i32.const 6))
            (i32.and (i32.load8_u offset=1 (local.get $p)) (i32.const 0x3f))))))
    (if (i32.lt_u (local.get $b0) (i32.const 0xf0))
      (then
        (return
          (i32.or
            (i32.or
              (i32.shl (i32.and (local.get $b0) (i32.const 0x0f)) (i32.const 12))
              (i32.shl (i32.and (i32.load8_u offset=1 (local.get $p)) (i32.const 0x3f)) (i32.const 6)))
            (i32.and (i32.load8_u offset=2 (local.get $p)) (i32.const 0x3f))))))
    (i32.or
      (i32.or
        (i32.shl (i32.and (local.get $b0) (i32.const 0x07)) (i32.const 18))
        (i32.shl (i32.and (i32.load8_u offset=1 (local.get $p)) (i32.const 0x3f)) (i32.const 12)))
      (i32.or
        (i32.shl (i32.and (i32.load8_u offset=2 (local.get $p)) (i32.const 0x3f)) (i32.const 6))
        (i32.and (i32.load8_u offset=3 (local.get $p)) (i32.const 0x3f)))))

  ;; 1 when the non-ASCII code point $cp counts as a word character here.
  (func $isWordCodePoint (param $cp i32) (result i32)
    (if (i32.ge_u (local.get $cp) (i32.const 0x3000)) (then (return (i32.const 1))))
    (i32.ne (i32.load8_u (local.get $cp)) (i32.const 0)))

  ;; Number of UTF-8 bytes of the code point $cp (>= 0x80).
  (func $utf8Length (param $cp i32) (result i32)
    (select (i32.const 2)
      (select (i32.const 3) (i32.const 4) (i32.lt_u (local.get $cp) (i32.const 0x10000)))
      (i32.lt_u (local.get $cp) (i32.const 0x800))))

  ;; firstWordKey of the ASCII word [$ws, $we): letters and digits fold with | 0x20 (the bytes
  ;; past a word of fewer than four are read, and ignored).
  (func $firstWordKey (param $ws i32) (param $we i32) (result i32)
    (local $len i32)
    (local $w i32)
    (local.set $len (i32.sub (local.get $we) (local.get $ws)))
    (local.set $w (i32.or (i32.load (local.get $ws)) (i32.const 0x20202020)))
    (i32.shr_u
      (i32.mul
        (i32.xor
          (i32.mul
            (i32.and (local.get $w)
              (select (i32.const -1) (i32.sub (i32.shl (i32.const 1) (i32.shl (local.get $len) (i32.const 3))) (i32.const 1))
                (i32.gt_u (local.get $len) (i32.const 3))))
            (i32.const 0x9e3779b1))
          (i32.mul
            (i32.or (i32.or (i32.load8_u (i32.sub (local.get $we) (i32.const 1))) (i32.const 0x20)) (i32.shl (local.get $len) (i32.const 8)))
            (i32.const 0x85ebca6b)))
        (i32.const 0x27d4eb2f))
      (i32.const 12)))

  ;; Bit $bit of the bitmap at $bitmap.
  (func $bitAt (param $bitmap i32) (param $bit i32) (result i32)
    (i32.and
      (i32.shr_u
        (i32.load (i32.add (local.get $bitmap) (i32.shl (i32.shr_u (local.get $bit) (i32.const 5)) (i32.const 2))))
        (local.get $bit))
      (i32.const 1)))

  ;; The record of the word [$ws, $we) at $out; returns $out moved past it when it is kept.
  (func $record (param $ws i32) (param $we i32) (param $wsU i32) (param $adj i32) (param $nonAscii i32) (param $out i32) (result i32)
    (local $key i32)
    (local.set $key (call $firstWordKey (local.get $ws) (local.get $we)))
    (i32.store (local.get $out) (select (i32.xor (local.get $wsU) (i32.const -1)) (local.get $wsU) (local.get $nonAscii)))
    (i32.store offset=4 (local.get $out) (i32.sub (local.get $we) (local.get $adj)))
    (i32.store offset=8 (local.get $out) (select (i32.const -1) (local.get $key) (local.get $nonAscii)))
    (i32.store offset=12 (local.get $out) (local.get $we))
    (i32.add (local.get $out)
      (i32.mul (i32.or (local.get $nonAscii) (call $bitAt (i32.const 0x4000) (local.get $key))) (i32.const 20))))

  ;; Second pass over the records [$r, $rEnd), output from $r on, in place; returns its end.
  ;;
  ;; A word with a non-ASCII character becomes a region for JavaScript. An ASCII word is dropped
  ;; when the continuation bitmap rules it out, or else walked down the trie as termMatcher.ts
  ;; longestFrom does with no excluded range in the way, which writes
  ;;   (startU, endU, node, reachU, upper) when a spelling ends at endU (the longest; node: its
  ;;     trie node, whose entries' case JavaScript checks with `upper`), reachU being the
  ;;     furthest offset that was compared with longestFrom's limit (an excluded range starting
  ;;     there or before could change the answer);
  ;;   (~startU, word endU, -1, -1, 0) when it cannot tell (a non-ASCII character, or the chunk's
  ;;     end, on the way): JavaScript reads the word itself;
  ;;   nothing when no spelling starts with the word there.
  ;;
  ;; Tables. First words: open addressing by key, 16-byte slots (key + 1, or 0 when empty; node;
  ;; address of the folded word; its length). Trie nodes, depth first (an only child is the next
  ;; node), 8 bytes each: flags (1: has entries, 2: has children) | key of the only child << 2 |
  ;; number of children << 18; then the address of (key, child) pairs when there are several.
  (func $filter (param $r i32) (param $rEnd i32) (param $end i32) (param $last i32) (result i32)
    (local $o i32)
    (local $startU i32)
    (local $stopU i32)
    (local $key i32)
    (local $we i32)
    (local $ws i32)
    (local $adj i32)
    (local $b i32)
    (local $b2 i32)
    (local $c i32)
    (local $c2 i32)
    (local $sep i32)
    (local $bit i32)
    (local $nodes i32)
    (local $table i32)
    (local $mask i32)
    (local $slot i32)
    (local $at i32)
    (local $len i32)
    (local $word i32)
    (local $k i32)
    (local $node i32)
    (local $info i32)
    (local $n i32)
    (local $j i32)
    (local $newlines i32)
    (local $best i32)
    (local $bestNode i32)
    (local $reach i32)
    (local $upper i32)
    (local $bestUpper i32)
    (local $depth i32)
    (local.set $nodes (i32.load (i32.const 0x3100)))
    (local.set $table (i32.load (i32.const 0x3108)))
    (local.set $mask (i32.load (i32.const 0x310c)))
    (local.set $o (local.get $r))
    (block $done
      (loop $records
        (br_if $done (i32.ge_u (local.get $r) (local.get $rEnd)))
        (local.set $startU (i32.load (local.get $r)))
        (local.set $stopU (i32.load offset=4 (local.get $r)))
        (local.set $key (i32.load offset=8 (local.get $r)))
        (local.set $we (i32.load offset=12 (local.get $r)))
        (local.set $r (i32.add (local.get $r) (i32.const 20)))
        (block $unknown
          (br_if $unknown (i32.lt_s (local.get $key) (i32.const 0)))
          ;; The character after the word, after one separator: known here unless non-ASCII,
          ;; another separator, or past the end of the chunk.
          (block $maybe
            (local.set $b (i32.load8_u (local.get $we)))
            (local.set $b2 (i32.load8_u offset=1 (local.get $we)))
            (local.set $c (i32.load8_u offset=0x3000 (i32.and (local.get $b) (i32.const 0x7f))))
            (local.set $c2 (i32.load8_u offset=0x3000 (i32.and (local.get $b2) (i32.const 0x7f))))
            (local.set $sep (i32.eq (local.get $c) (i32.const 0x20)))
            (br_if $maybe
              (i32.or
                (i32.or (i32.ge_u (local.get $we) (local.get $end)) (i32.ge_u (local.get $b) (i32.const 0x80)))
                (i32.and (local.get $sep)
                  (i32.or
                    (i32.or (i32.ge_u (i32.add (local.get $we) (i32.const 1)) (local.get $end)) (i32.ge_u (local.get $b2) (i32.const 0x80)))
                    (i32.eq (local.get $c2) (i32.const 0x20))))))
            ;; (key, alone) or (key, next character) in the continuation bitmap (scanner.ts continuationKey).
            (local.set $bit
              (i32.shr_u (i32.mul (i32.xor (local.get $key) (i32.const 0x9e3779b1)) (i32.const 0x85ebca6b)) (i32.const 12)))
            (br_if $maybe
              (i32.and
                (i32.shr_u (i32.load offset=0x24000 (i32.shl (i32.shr_u (local.get $bit) (i32.const 5)) (i32.const 2))) (local.get $bit))
                (i32.const 1)))
            (local.set $bit
              (i32.shr_u
                (i32.mul
                  (i32.xor (local.get $key)
                    (i32.mul (i32.add (select (local.get $c2) (local.get $c) (local.get $sep)) (i32.const 1)) (i32.const 0x9e3779b1)))
                  (i32.const 0x85ebca6b))
                (i32.const 12)))
            (br_if $maybe
              (i32.and
                (i32.shr_u (i32.load offset=0x24000 (i32.shl (i32.shr_u (local.get $bit) (i32.const 5)) (i32.const 2))) (local.get $bit))
                (i32.const 1)))
            (br $records))
          ;; The ASCII word [$ws, $we); all bytes read from here on are ASCII (or the walk gives
          ;; up), so UTF-16 offset = address - $adj.
          (local.set $len (i32.sub (local.get $stopU) (local.get $startU)))
          (local.set $ws (i32.sub (local.get $we) (local.get $len)))
          (local.set $adj (i32.sub (local.get $ws) (local.get $startU)))
          ;; The node after the first word (termMatcher.ts nodeAfterWord), from the first-word table.
          (local.set $slot (i32.and (local.get $key) (local.get $mask)))
          (block $found
            (loop $probe
              (local.set $at (i32.add (local.get $table) (i32.shl (local.get $slot) (i32.const 4))))
              (br_if $records (i32.eqz (i32.load (local.get $at))))
              (block $differs
                (br_if $differs (i32.ne (i32.load (local.get $at)) (i32.add (local.get $key) (i32.const 1))))
                (br_if $differs (i32.ne (i32.load offset=12 (local.get $at)) (local.get $len)))
                (local.set $word (i32.sub (i32.load offset=8 (local.get $at)) (local.get $ws)))
                (local.set $k (local.get $ws))
                (loop $bytes
                  (br_if $found (i32.ge_u (local.get $k) (local.get $we)))
                  (br_if $differs
                    (i32.ne
                      (i32.or (i32.load8_u (local.get $k)) (i32.const 0x20))
                      (i32.load8_u (i32.add (local.get $word) (local.get $k)))))
                  (local.set $k (i32.add (local.get $k) (i32.const 1)))
                  (br $bytes)))
              (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
              (br $probe)))
          (local.set $node (i32.load offset=4 (local.get $at)))
          ;; Bit p of $upper: the text character read for the spelling's character p (p < 32) is
          ;; an upper-case ASCII letter; $depth: the spelling characters read so far.
          (local.set $upper (i32.const 0))
          (local.set $k (local.get $ws))
          (loop $firstWord
            (if (i32.lt_u (i32.sub (i32.load8_u (local.get $k)) (i32.const 0x41)) (i32.const 26))
              (then
                (local.set $upper
                  (i32.or (local.get $upper)
                    (select (i32.shl (i32.const 1) (i32.sub (local.get $k) (local.get $ws))) (i32.const 0)
                      (i32.lt_u (i32.sub (local.get $k) (local.get $ws)) (i32.const 32)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br_if $firstWord (i32.lt_u (local.get $k) (local.get $we))))
          (local.set $depth (local.get $len))
          ;; termMatcher.ts longestFrom.
          (local.set $j (local.get $we))
          (local.set $best (i32.const -1))
          (local.set $reach (local.get $we))
          (block $stop
            (loop $steps
              (local.set $at (i32.add (local.get $nodes) (i32.shl (local.get $node) (i32.const 3))))
              (local.set $info (i32.load (local.get $at)))
              (if (i32.and (local.get $info) (i32.const 1))
                (then
                  ;; Entries count when no word character follows.
                  (if (i32.ge_u (local.get $j) (local.get $end))
                    (then
                      (br_if $unknown (i32.eqz (local.get $last)))
                      (local.set $best (local.get $j))
                      (local.set $bestNode (local.get $node))
                      (local.set $bestUpper (local.get $upper)))
                    (else
                      (local.set $b (i32.load8_u (local.get $j)))
                      (br_if $unknown (i32.ge_u (local.get $b) (i32.const 0x80)))
                      (if (i32.eqz (i32.load8_u (local.get $b)))
                        (then
                          (local.set $best (local.get $j))
                          (local.set $bestNode (local.get $node))
                          (local.set $bestUpper (local.get $upper))))))))
              (br_if $stop (i32.eqz (i32.and (local.get $info) (i32.const 2))))
              (local.set $reach (local.get $j))
              (if (i32.ge_u (local.get $j) (local.get $end))
                (then
                  (br_if $unknown (i32.eqz (local.get $last)))
                  (br $stop)))
              (local.set $b (i32.load8_u (local.get $j)))
              (br_if $unknown (i32.ge_u (local.get $b) (i32.const 0x80)))
              (local.set $c (i32.load8_u offset=0x3000 (local.get $b)))
              (if (i32.eq (local.get $c) (i32.const 0x20))
                (then
                  ;; A run of separators, ending the phrase at its second newline.
                  (local.set $newlines (i32.const 0))
                  (local.set $k (local.get $j))
                  (block $runEnd
                    (loop $run
                      (local.set $reach (local.get $k))
                      (if (i32.ge_u (local.get $k) (local.get $end))
                        (then
                          (br_if $unknown (i32.eqz (local.get $last)))
                          (br $stop)))
                      (local.set $b (i32.load8_u (local.get $k)))
                      (br_if $unknown (i32.ge_u (local.get $b) (i32.const 0x80)))
                      (br_if $runEnd (i32.ne (i32.load8_u offset=0x3000 (local.get $b)) (i32.const 0x20)))
                      (if (i32.eq (local.get $b) (i32.const 0x0a))
                        (then
                          (local.set $newlines (i32.add (local.get $newlines) (i32.const 1)))
                          (br_if $runEnd (i32.gt_u (local.get $newlines) (i32.const 1)))))
                      (local.set $k (i32.add (local.get $k) (i32.const 1)))
                      (br $run)))
                  (br_if $stop (i32.gt_u (local.get $newlines) (i32.const 1)))
                  (local.set $j (local.get $k)))
                (else
                  (if (i32.lt_u (i32.sub (local.get $b) (i32.const 0x41)) (i32.const 26))
                    (then
                      (local.set $upper
                        (i32.or (local.get $upper)
                          (select (i32.shl (i32.const 1) (local.get $depth)) (i32.const 0) (i32.lt_u (local.get $depth) (i32.const 32)))))))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))))
              (local.set $depth (i32.add (local.get $depth) (i32.const 1)))
              ;; The child under $c: the next node when it is the only one, else from the pairs.
              (local.set $n (i32.shr_u (local.get $info) (i32.const 18)))
              (if (i32.eq (local.get $n) (i32.const 1))
                (then
                  (br_if $stop (i32.ne (i32.and (i32.shr_u (local.get $info) (i32.const 2)) (i32.const 0xffff)) (local.get $c)))
                  (local.set $node (i32.add (local.get $node) (i32.const 1)))
                  (br $steps)))
              (local.set $at (i32.load offset=4 (local.get $at)))
              (loop $pairs
                (br_if $stop (i32.eqz (local.get $n)))
                (if (i32.eq (i32.load (local.get $at)) (local.get $c))
                  (then
                    (local.set $node (i32.load offset=4 (local.get $at)))
                    (br $steps)))
                (local.set $at (i32.add (local.get $at) (i32.const 8)))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $pairs))))
          (br_if $records (i32.lt_s (local.get $best) (i32.const 0)))
          (i32.store (local.get $o) (local.get $startU))
          (i32.store offset=4 (local.get $o) (i32.sub (local.get $best) (local.get $adj)))
          (i32.store offset=8 (local.get $o) (local.get $bestNode))
          (i32.store offset=12 (local.get $o) (i32.sub (local.get $reach) (local.get $adj)))
          (i32.store offset=16 (local.get $o) (local.get $bestUpper))
          (local.set $o (i32.add (local.get $o) (i32.const 20)))
          (br $records))
        ;; JavaScript reads this word or region itself.
        (i32.store (local.get $o) (select (local.get $startU) (i32.xor (local.get $startU) (i32.const -1)) (i32.lt_s (local.get $startU) (i32.const 0))))
        (i32.store offset=4 (local.get $o) (local.get $stopU))
        (i32.store offset=8 (local.get $o) (i32.const -1))
        (i32.store offset=12 (local.get $o) (i32.const -1))
        (i32.store offset=16 (local.get $o) (i32.const 0))
        (local.set $o (i32.add (local.get $o) (i32.const 20)))
        (br $records)))
    (local.get $o))

  ;; narrow(src, n): the n UTF-16LE code units at $src, one byte each, in place: a unit below
  ;; U+0100 as its Latin-1 byte, any other as 0xFF (scan with $units = 1 then treats 0xFF as a
  ;; word character of unknown class, which JavaScript reads itself).
  (func (export "narrow") (param $src i32) (param $n i32)
    (local $i i32)
    (local $cff v128)
    (local.set $cff (i16x8.splat (i32.const 0xff)))
    (block $done
      (loop $vectors
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
        (v128.store (i32.add (local.get $src) (local.get $i))
          (i8x16.narrow_i16x8_u
            (i16x8.min_u (v128.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 1)))) (local.get $cff))
            (i16x8.min_u (v128.load offset=16 (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 1)))) (local.get $cff))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vectors)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $src) (local.get $i))
          (select (i32.const 0xff)
            (i32.load16_u (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 1))))
            (i32.gt_u (i32.load16_u (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 1)))) (i32.const 0xff))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))

  ;; $units: 0 when [$in, $end) is UTF-8, 1 when it is narrowed UTF-16 (see narrow), a byte per unit.
  (func (export "scan") (param $in i32) (param $end i32) (param $base i32) (param $last i32) (param $out i32) (param $units i32) (result i32)
    (local $out0 i32)
    (local $p i32)
    ;; UTF-16 offset of the byte at $p: $p - $adj.
    (local $adj i32)
    ;; The word being read: its first byte, its UTF-16 start, whether it has a non-ASCII character.
    (local $ws i32)
    (local $wsU i32)
    (local $nonAscii i32)
    (local $inWord i32)
    (local $e i32)
    (local $b i32)
    (local $cp i32)
    (local $k i32)
    (local $limit i32)
    (local $isWord i32)
    (local $len i32)
    (local $w i32)
    (local $key i32)
    (local $m i64)
    (local $x i64)
    (local $v0 v128)
    (local $v1 v128)
    (local $v2 v128)
    (local $v3 v128)
    (local $c20 v128)
    (local $c61 v128)
    (local $c25 v128)
    (local $c30 v128)
    (local $c09 v128)
    (local $t v128)
    (local.set $c20 (i8x16.splat (i32.const 0x20)))
    (local.set $c61 (i8x16.splat (i32.const 0x61)))
    (local.set $c25 (i8x16.splat (i32.const 25)))
    (local.set $c30 (i8x16.splat (i32.const 0x30)))
    (local.set $c09 (i8x16.splat (i32.const 9)))
    (local.set $out0 (local.get $out))
    (local.set $p (local.get $in))
    (local.set $adj (i32.sub (local.get $in) (local.get $base)))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (block $slow
          (br_if $slow (i32.lt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 64)))
          (local.set $v0 (v128.load (local.get $p)))
          (local.set $v1 (v128.load offset=16 (local.get $p)))
          (local.set $v2 (v128.load offset=32 (local.get $p)))
          (local.set $v3 (v128.load offset=48 (local.get $p)))
          (br_if $slow (i8x16.bitmask (v128.or (v128.or (local.get $v0) (local.get $v1)) (v128.or (local.get $v2) (local.get $v3)))))
          ;; 64 ASCII bytes. Bit i of $m: byte $p + i is a letter or a digit (x <u n+1 is
          ;; min_u(x, n) == x).
          (local.set $m
            (i64.or
              (i64.or
                (i64.extend_i32_u
                  (i8x16.bitmask
                    (v128.or
                      (i8x16.eq (i8x16.min_u (local.tee $t (i8x16.sub (v128.or (local.get $v0) (local.get $c20)) (local.get $c61))) (local.get $c25)) (local.get $t))
                      (i8x16.eq (i8x16.min_u (local.tee $t (i8x16.sub (local.get $v0) (local.get $c30))) (local.get $c09)) (local.get $t)))))
                (i64.shl
                  (i64.extend_i32_u
                    (i8x16.bitmask
                      (v128.or
                        (i8x16.eq (i8x16.min_u (local.tee $t (i8x16.sub (v128.or (local.get $v1) (local.get $c20)) (local.get $c61))) (local.get $c25)) (local.get $t))
                        (i8x16.eq (i8x16.min_u (local.tee $t (i8x16.sub (local.get $v1) (local.get $c30))) (local.get $c09)) (local.get $t)))))
                  (i64.const 16)))
              (i64.or
                (i64.shl
                  (i64.extend_i32_u
                    (i8x16.bitmask
                      (v128.or
                        (i8x16.eq (i8x16.min_u (local.tee $t (i8x16.sub (v128.or (local.get $v2) (local.get $c20)) (local.get $c61))) (local.get $c25)) (local.get $t))
                        (i8x16.eq (i8x16.min_u (local.tee $t (i8x16.sub (local.get $v2) (local.get $c30))) (local.get $c09)) (local.get $t)))))
                  (i64.const 32))
                (i64.shl
                  (i64.extend_i32_u
                    (i8x16.bitmask
                      (v128.or
                        (i8x16.eq (i8x16.min_u (local.tee $t (i8x16.sub (v128.or (local.get $v3) (local.get $c20)) (local.get $c61))) (local.get $c25)) (local.get $t))
                        (i8x16.eq (i8x16.min_u (local.tee $t (i8x16.sub (local.get $v3) (local.get $c30))) (local.get $c09)) (local.get $t)))))
                  (i64.const 48)))))
          ;; Bits where a word starts or ends (the byte before $p is in a word when $inWord).
          (local.set $x (i64.xor (local.get $m) (i64.or (i64.shl (local.get $m) (i64.const 1)) (i64.extend_i32_u (local.get $inWord)))))
          ;; Events come in pairs, a word's start and its end; a word carried over from before
          ;; the block has only its end here, and one that runs on past the block only its start.
          (block $eventsDone
            (loop $events
              (if (i32.eqz (local.get $inWord))
                (then
                  (br_if $eventsDone (i64.eqz (local.get $x)))
                  (local.set $ws (i32.add (local.get $p) (i32.wrap_i64 (i64.ctz (local.get $x)))))
                  (local.set $x (i64.and (local.get $x) (i64.sub (local.get $x) (i64.const 1))))
                  (local.set $wsU (i32.sub (local.get $ws) (local.get $adj)))
                  (local.set $nonAscii (i32.const 0))
                  (local.set $inWord (i32.const 1))))
              (br_if $eventsDone (i64.eqz (local.get $x)))
              (local.set $e (i32.add (local.get $p) (i32.wrap_i64 (i64.ctz (local.get $x)))))
              (local.set $x (i64.and (local.get $x) (i64.sub (local.get $x) (i64.const 1))))
              (local.set $inWord (i32.const 0))
              ;; The word [$ws, $e) ends: $record and $firstWordKey, inlined.
              (local.set $len (i32.sub (local.get $e) (local.get $ws)))
              (local.set $w (i32.or (i32.load (local.get $ws)) (i32.const 0x20202020)))
              (local.set $key
                (i32.shr_u
                    (i32.mul
                      (i32.xor
                        (i32.mul
                          (i32.and (local.get $w)
                            (select (i32.const -1) (i32.sub (i32.shl (i32.const 1) (i32.shl (local.get $len) (i32.const 3))) (i32.const 1))
                              (i32.gt_u (local.get $len) (i32.const 3))))
                          (i32.const 0x9e3779b1))
                        (i32.mul
                          (i32.or (i32.or (i32.load8_u (i32.sub (local.get $e) (i32.const 1))) (i32.const 0x20)) (i32.shl (local.get $len) (i32.const 8)))
                          (i32.const 0x85ebca6b)))
                      (i32.const 0x27d4eb2f))
                    (i32.const 12)))
              (i32.store (local.get $out) (select (i32.xor (local.get $wsU) (i32.const -1)) (local.get $wsU) (local.get $nonAscii)))
              (i32.store offset=4 (local.get $out) (i32.sub (local.get $e) (local.get $adj)))
              (i32.store offset=8 (local.get $out) (select (i32.const -1) (local.get $key) (local.get $nonAscii)))
              (i32.store offset=12 (local.get $out) (local.get $e))
              (local.set $out
                (i32.add (local.get $out)
                  (i32.mul
                    (i32.or (local.get $nonAscii)
                      (i32.and
                        (i32.shr_u
                          (i32.load offset=0x4000 (i32.shl (i32.shr_u (local.get $key) (i32.const 5)) (i32.const 2)))
                          (local.get $key))
                        (i32.const 1)))
                    (i32.const 20))))
              (br $events)))
          (local.set $p (i32.add (local.get $p) (i32.const 64)))
          (br $blocks))
        ;; Byte by byte, decoding non-ASCII code points, up to 64 bytes on (or the end).
        (local.set $limit
          (select (i32.add (local.get $p) (i32.const 64)) (local.get $end)
            (i32.ge_u (i32.sub (local.get $end) (local.get $p)) (i32.const 64))))
        (loop $bytes
          (local.set $b (i32.load8_u (local.get $p)))
          (if (i32.lt_u (local.get $b) (i32.const 0x80))
            (then
              (local.set $isWord (i32.load8_u (local.get $b)))
              (local.set $k (i32.const 1))
              (local.set $cp (local.get $b)))
            (else
              (if (local.get $units)
                (then
                  ;; One unit: Latin-1 as it is, anything above it (0xff) counted as a word character.
                  (local.set $cp (local.get $b))
                  (local.set $isWord (select (i32.const 1) (i32.load8_u (local.get $b)) (i32.eq (local.get $b) (i32.const 0xff))))
                  (local.set $k (i32.const 1)))
                (else
                  (local.set $cp (call $codePointAt (local.get $p)))
                  (local.set $isWord (call $isWordCodePoint (local.get $cp)))
                  (local.set $k (call $utf8Length (local.get $cp)))))))
          (if (local.get $isWord)
            (then
              (if (i32.eqz (local.get $inWord))
                (then
                  (local.set $ws (local.get $p))
                  (local.set $wsU (i32.sub (local.get $p) (local.get $adj)))
                  (local.set $nonAscii (i32.const 0))
                  (local.set $inWord (i32.const 1))))
              (if (i32.ge_u (local.get $b) (i32.const 0x80)) (then (local.set $nonAscii (i32.const 1)))))
            (else
              (if (local.get $inWord)
                (then
                  (local.set $out (call $record (local.get $ws) (local.get $p) (local.get $wsU) (local.get $adj) (local.get $nonAscii) (local.get $out)))
                  (local.set $inWord (i32.const 0))))))
          ;; A code point of $k bytes is one UTF-16 unit, or two when astral.
          (local.set $adj
            (i32.add (local.get $adj)
              (i32.sub (local.get $k) (select (i32.const 2) (i32.const 1) (i32.ge_u (local.get $cp) (i32.const 0x10000))))))
          (local.set $p (i32.add (local.get $p) (local.get $k)))
          (br_if $bytes (i32.lt_u (local.get $p) (local.get $limit))))
        (br $blocks)))
    (if (local.get $inWord)
      (then (local.set $out (call $record (local.get $ws) (local.get $end) (local.get $wsU) (local.get $adj) (local.get $nonAscii) (local.get $out)))))
    (call $filter (local.get $out0) (local.get $out) (local.get $end) (local.get $last)))
)

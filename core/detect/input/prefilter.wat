;; The prefilter's hot loop (see prefilter.ts for the algorithm and prefilter-wasm.ts for the
;; memory layout, which the constants below must match). JavaScript copies the text in, one byte
;; per UTF-16 code unit, and gets back (offset, head) pairs: every place a head matches, in order.
;;
;; Memory layout (byte offsets):
;;   GRAM   0        2^21 bits: is there a head starting with these three 7-bit characters?
;;   PAIR   262144   16384 x i32: for the first two characters, the byte offset of a table of
;;                    128 x i32 (one per third character) of list offsets, or 0
;;   LISTS  327680   heads [id, length, ignoreCase, bytes...], lists [count, head offset...] and
;;                    the third-character tables
;;   OUT    851968   (offset, head id) pairs, i32 each
;;   TEXT   (given)  the text, followed by three zero bytes
(module
  (memory (export "memory") 32)
  ;; Where the next call should start when the last one stopped because OUT was full.
  (global $resume (export "resume") (mut i32) (i32.const 0))

  ;; Does the head at $h match the text at $t (absolute address), with $left bytes of text left?
  (func $matches (param $h i32) (param $t i32) (param $left i32) (result i32)
    (local $len i32) (local $ic i32) (local $k i32) (local $c i32)
    (local.set $len (i32.load offset=4 (local.get $h)))
    (if (i32.gt_u (local.get $len) (local.get $left)) (then (return (i32.const 0))))
    (local.set $ic (i32.load offset=8 (local.get $h)))
    (block $fail
      (loop $byte
        (if (i32.ge_u (local.get $k) (local.get $len)) (then (return (i32.const 1))))
        (local.set $c (i32.load8_u (i32.add (local.get $t) (local.get $k))))
        ;; A-Z to a-z for heads matched in any case (their bytes are stored in lower case)
        (if (i32.and (local.get $ic) (i32.lt_u (i32.sub (local.get $c) (i32.const 65)) (i32.const 26)))
          (then (local.set $c (i32.or (local.get $c) (i32.const 32)))))
        (br_if $fail (i32.ne (local.get $c) (i32.load8_u offset=12 (i32.add (local.get $h) (local.get $k)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $byte)))
    (i32.const 0))

  ;; Scans text[$start, $n) at address $text. Writes up to $cap pairs at OUT; returns how many.
  ;; When fewer than $room pairs are left free it stops before an offset and sets $resume to it.
  (func (export "scan") (param $text i32) (param $start i32) (param $n i32) (param $cap i32) (param $room i32) (result i32)
    (local $i i32) (local $g i32) (local $t i32) (local $list i32) (local $count i32) (local $j i32)
    (local $h i32) (local $out i32) (local $pairs i32)
    (local.set $i (local.get $start))
    (local.set $t (i32.add (local.get $text) (local.get $i)))
    (local.set $g (i32.or
      (i32.shl (i32.and (i32.load8_u (local.get $t)) (i32.const 127)) (i32.const 7))
      (i32.and (i32.load8_u offset=1 (local.get $t)) (i32.const 127))))
    (local.set $out (i32.const 851968))
    (global.set $resume (local.get $n))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $g (i32.and
          (i32.or (i32.shl (local.get $g) (i32.const 7))
                  (i32.and (i32.load8_u offset=2 (local.get $t)) (i32.const 127)))
          (i32.const 0x1fffff)))
        (if (i32.and (i32.load8_u (i32.shr_u (local.get $g) (i32.const 3)))
                     (i32.shl (i32.const 1) (i32.and (local.get $g) (i32.const 7))))
          (then
            (local.set $list (i32.load offset=262144 (i32.shl (i32.shr_u (local.get $g) (i32.const 7)) (i32.const 2))))
            (if (local.get $list)
              (then (local.set $list (i32.load (i32.add (local.get $list) (i32.shl (i32.and (local.get $g) (i32.const 127)) (i32.const 2)))))))
            (if (local.get $list)
              (then
                (if (i32.gt_u (i32.add (local.get $pairs) (local.get $room)) (local.get $cap))
                  (then
                    (global.set $resume (local.get $i))
                    (br $done)))
                (local.set $count (i32.load (local.get $list)))
                (local.set $j (i32.const 0))
                (block $heads_done
                  (loop $heads
                    (br_if $heads_done (i32.ge_u (local.get $j) (local.get $count)))
                    (local.set $h (i32.load offset=4 (i32.add (local.get $list) (i32.shl (local.get $j) (i32.const 2)))))
                    (if (call $matches (local.get $h) (local.get $t) (i32.sub (local.get $n) (local.get $i)))
                      (then
                        (i32.store (local.get $out) (local.get $i))
                        (i32.store offset=4 (local.get $out) (i32.load (local.get $h)))
                        (local.set $out (i32.add (local.get $out) (i32.const 8)))
                        (local.set $pairs (i32.add (local.get $pairs) (i32.const 1)))))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br $heads)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $next)))
    (local.get $pairs))
)

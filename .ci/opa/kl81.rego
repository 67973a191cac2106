# Hand translation of the tuanthu rule pack Rules/kl81-cantho (62 rules) into
# Rego v1, for a side-by-side benchmark against the Open Policy Agent engine
# (.ci/opa/compare.py). Input: one dossier (the raw JSON object). Output:
# `outcomes`, an object rule id -> "pass" | "fail" | "missing" | "not_applicable",
# the outcome tuanthu's ndjson report gives for that rule (waivers, applied by
# tuanthu outside the rules, are not modelled), plus "tuanthu.invalid-date":
# "fail" when tuanthu lists that check. Undefined when the input is not a JSON
# object (tuanthu reports such a dossier as unreadable).
#
# Three-valued logic (Rules/README.md section 4), as tuanthu's evaluator
# (Sources/Evaluator) does it:
#   - a value is a JSON value; `null` stands for an absent path and for a JSON
#     null alike (every expression of this pack treats them the same), and for
#     an expression whose value is unknown;
#   - `inv`, a set (no JSON value is a set), is a type error ("invalid");
#   - truth values are true, false, null (unknown) and inv; `and`/`or`/`not`
#     are Kleene's, invalid beating unknown when neither side decides;
#   - `when` false -> not_applicable, unknown or invalid -> missing;
#   - a value that fails the schema (wrong type, outside its enum, not a date;
#     `schema_table` below) is replaced by `inv` before any rule reads it
#     (`dossier`), as tuanthu's validation makes it invalid to every rule;
#     so the rules read the dossier through `dget` (inv below an inv value too)
#     and a fast branch that tests a value given uses `exists(...) == true`,
#     never `!= null` (inv is not null, but neither is it a value given);
#   - each `require` (once per element inside `for each`): true passes, false
#     (violation) or invalid fails, unknown is missing; a rule fails if any of
#     its findings is a violation or invalid, else is missing if any is
#     missing, else passes;
#   - `for each x in c`: c absent or null -> missing, c not a list -> fail.
# Every builtin call is guarded by a type test: the bridge evaluates with
# StrictBuiltinErrors, where a type error aborts the whole evaluation.
#
# Speed: OPA spends about 5-15 us on a call of a user-defined function (its
# else-chain included) and well under 1 us on a builtin, so the common case is
# kept off the helpers: the helpers test the well-typed case first; the `??`
# combinations the rules use are fused into one helper each (flag, filled,
# positive, nonempty); and each rule's else-chain begins, where it pays, with
# "fast" branches written with builtins only, each a sufficient condition for
# the answer of the general branches that follow (for instance: the `when` is
# false with well-typed values -> not_applicable; every plan item has
# non-empty criteria lists -> pass; a text holds the phrase as written ->
# `mentions` is true). The general branches are the complete three-valued
# evaluation. .ci/opa/compare.py checks the result against tuanthu on the
# corpus, Examples/, the pack's test dossiers and mutated dossiers.
#
# Known, deliberate approximations (none arises in the bench corpus, in
# Examples/ or in the pack's own tests):
#   - `+` (KL81-3.3-FLD-01) is OPA's arithmetic (big floats of the binary
#     values); tuanthu rounds results to 15 significant digits, so a ground
#     level exactly equal to tide + 0.3 meets the bound there (tide 0.52 /
#     ground 0.82 and 0.15 / 0.45 both pass), while here such a tie can come
#     out either way;
#   - strings compare byte-wise here, by canonical equivalence (NFC) in tuanthu:
#     every literal the rules compare with is ASCII, for which the two agree
#     except for exotic singletons (U+212A KELVIN SIGN is "K" in NFC) or a
#     combining mark glued to the last letter of a `contains` match;
#   - `mentions` lowercases what the fold table does not cover with Go's simple
#     case mapping, tuanthu with Unicode's full mapping (a few letters outside
#     Vietnamese differ);
#   - a JSON text Go's decoder accepts and tuanthu's strict reader refuses
#     (invalid UTF-8, lone surrogates) is checked here, unreadable there;
#   - tuanthu's check tuanthu.duplicate-key (a repeated key in a JSON object)
#     cannot be made here: Go's decoder keeps the last copy without a word (the
#     copy tuanthu's rules read too); compare.py leaves that check out.
package kl81

import rego.v1

# ---------------------------------------------------------------------------
# Three-valued helpers

# The invalid value (a type error).
inv := {"!"}

# The value at `path` under `x`, null when x is not an object (a path through a
# string or a list is absent, as in tuanthu). Paths from the dossier's root use
# object.get(dossier, path, null) directly.
at(x, path) := inv if is_set(x)
else := null if not is_object(x)
else := inv if { some n in numbers.range(1, count(path) - 1); is_set(object.get(x, array.slice(path, 0, n), null)) }
else := object.get(x, path, null)

# `exists(p)`: present and not null (true or false, never unknown).
exists(x) := inv if is_set(x) else := x != null

# `a ?? b`: b when a is absent or null.
coalesce(a, b) := b if a == null else := a

# A value used as a condition: a boolean is itself, absent/null is unknown,
# anything else is invalid.
tv(x) := x if is_boolean(x) else := null if x == null else := inv

# `x ?? false` as a condition.
flag(x) := x if is_boolean(x) else := false if x == null else := inv

# `(x ?? "") != ""`.
filled(x) := x != "" if is_string(x) else := false if x == null else := inv

# `(x ?? 0) > 0`.
positive(x) := x > 0 if is_number(x) else := false if x == null else := inv

# `count(x ?? []) >= 1`.
nonempty(x) := count(x) > 0 if is_array(x) else := false if x == null else := inv

# Kleene `and` over a list of truth values.
all3(xs) := false if { some x in xs; x == false }
else := true if { every x in xs { x == true } }
else := inv if { some x in xs; is_set(x) }
else := null

# Kleene `or` over a list of truth values.
any3(xs) := true if { some x in xs; x == true }
else := false if { every x in xs { x == false } }
else := inv if { some x in xs; is_set(x) }
else := null

not3(x) := false if x == true else := true if x == false else := x

# `a == b` where b is a string or boolean literal: unknown when a is absent or
# null, invalid when a has another type.
eq3(a, b) := a == b if type_name(a) == type_name(b)
else := null if a == null
else := inv

# `a != b`, likewise.
ne3(a, b) := a != b if type_name(a) == type_name(b)
else := null if a == null
else := inv

# `a in xs` where xs is a list of string literals.
in3(a, xs) := a in xs if is_string(a)
else := null if a == null
else := inv

# Ordering comparisons: numbers with numbers, strings with strings (by code
# point); otherwise invalid beats unknown, and any other pair is invalid.
lt3(a, b) := a < b if { is_number(a); is_number(b) }
else := a < b if { is_string(a); is_string(b) }
else := not_ordered(a, b)

le3(a, b) := a <= b if { is_number(a); is_number(b) }
else := a <= b if { is_string(a); is_string(b) }
else := not_ordered(a, b)

gt3(a, b) := a > b if { is_number(a); is_number(b) }
else := a > b if { is_string(a); is_string(b) }
else := not_ordered(a, b)

ge3(a, b) := a >= b if { is_number(a); is_number(b) }
else := a >= b if { is_string(a); is_string(b) }
else := not_ordered(a, b)

not_ordered(a, b) := inv if is_set(a)
else := inv if is_set(b)
else := null if a == null
else := null if b == null
else := inv

# `count(x)`: the length of a list; unknown when absent/null; invalid otherwise.
count3(x) := count(x) if is_array(x) else := null if x == null else := inv

# `contains(c, x)` with x a string literal: a list holding x, or a string
# holding x as a substring; unknown when c is absent/null; invalid otherwise.
contains3(c, x) := x in c if is_array(c)
else := contains(c, x) if is_string(c)
else := null if c == null
else := inv

# `matches(s, re)`.
matches3(s, re) := regex.match(re, s) if is_string(s)
else := null if s == null
else := inv

# `x + k` with k a number literal.
plus3(x, k) := x + k if is_number(x) else := null if x == null else := inv

# `abs(x)`.
abs3(x) := abs(x) if is_number(x) else := null if x == null else := inv

# ---------------------------------------------------------------------------
# Dates: `YYYY-MM-DD` or `DD/MM/YYYY`, a real calendar date, year 1-9999.

# `date(x)` as a number that orders like the date: y*512 + m*32 + d.
date3(x) := civil(to_number(substring(x, 0, 4)), to_number(substring(x, 5, 2)), to_number(substring(x, 8, 2))) if {
	is_string(x)
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, x)
} else := civil(to_number(substring(x, 6, 4)), to_number(substring(x, 3, 2)), to_number(substring(x, 0, 2))) if {
	is_string(x)
	regex.match(`^[0-9]{2}/[0-9]{2}/[0-9]{4}$`, x)
} else := null if x == null
else := inv

# The date as a number, or inv when y-m-d is not a calendar date.
civil(y, m, d) := ((y * 512) + (m * 32)) + d if {
	y >= 1
	m >= 1
	m <= 12
	d >= 1
	d <= month_days[m - 1]
	not feb_29_of_common_year(y, m, d)
} else := inv

month_days := [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

feb_29_of_common_year(y, m, d) if {
	m == 2
	d == 29
	not leap(y)
}

leap(y) if { y % 4 == 0; y % 100 != 0 }

leap(y) if y % 400 == 0

# Days since 1970-01-01 of a date3 number (proleptic Gregorian, as tuanthu's
# CivilDate.dayNumber).
day_number(o) := (((era * 146097) + doe) - 719468) if {
	dd := o % 32
	mm := ((o - dd) % 512) / 32
	yy := ((o - dd) - (mm * 32)) / 512
	y := yy - to_number(mm <= 2)
	era := floor(y / 400)
	yoe := y - (era * 400)
	doy := (floor(((153 * ((mm + 9) % 12)) + 2) / 5) + dd) - 1
	doe := (((yoe * 365) + floor(yoe / 4)) - floor(yoe / 100)) + doy
}

# `days_between(a, b)` from two date3 values.
days3(a, b) := day_number(b) - day_number(a) if { is_number(a); is_number(b) }
else := inv if is_set(a)
else := inv if is_set(b)
else := null

# ---------------------------------------------------------------------------
# `mentions(text, phrase)`: case-, diacritic- and whitespace-insensitive, `đ` is
# `d`, NFC and NFD alike; a list of texts mentions a phrase when one does.
# Given the phrase as written and folded: a text that holds the phrase as
# written mentions it (folding both sides keeps the match), else both are folded.

mentions3(t, phrase, folded) := true if { is_string(t); contains(t, phrase) }
else := contains(fold(t), folded) if is_string(t)
else := true if { is_array(t); some e in t; is_string(e); contains(fold(e), folded) }
else := false if is_array(t)
else := null if t == null
else := inv

fold(s) := trim(regex.replace(lower(s), `[\t\n\v\f\r ]+`, " "), " ") if {
	regex.match(`^[\x00-\x7f]*$`, s)
} else := trim(regex.replace(lower(concat("", [object.get(fold_chars, c, c) | some c in split(s, "")])), `[\t\n\v\f\r ]+`, " "), " ")

# Latin letters with diacritics (U+00C0-U+024F, U+1E00-U+1EFF) whose canonical
# decomposition is an ASCII letter and combining marks fold to that letter
# (lowercase); `đ`/`Đ` to `d`; combining marks (U+0300-U+036F) vanish; Unicode
# spaces become a space. (Generated from the Unicode decompositions, as
# tuanthu's Sources/Evaluator/Text.swift builds its table.)
fold_chars := {
	"À": "a", "Á": "a", "Â": "a", "Ã": "a", "Ä": "a", "Å": "a", "à": "a", "á": "a", "â": "a", "ã": "a", "ä": "a", "å": "a",
	"Ā": "a", "ā": "a", "Ă": "a", "ă": "a", "Ą": "a", "ą": "a", "Ǎ": "a", "ǎ": "a", "Ǟ": "a", "ǟ": "a", "Ǡ": "a", "ǡ": "a",
	"Ǻ": "a", "ǻ": "a", "Ȁ": "a", "ȁ": "a", "Ȃ": "a", "ȃ": "a", "Ȧ": "a", "ȧ": "a", "Ḁ": "a", "ḁ": "a", "Ạ": "a", "ạ": "a",
	"Ả": "a", "ả": "a", "Ấ": "a", "ấ": "a", "Ầ": "a", "ầ": "a", "Ẩ": "a", "ẩ": "a", "Ẫ": "a", "ẫ": "a", "Ậ": "a", "ậ": "a",
	"Ắ": "a", "ắ": "a", "Ằ": "a", "ằ": "a", "Ẳ": "a", "ẳ": "a", "Ẵ": "a", "ẵ": "a", "Ặ": "a", "ặ": "a",
	"Ḃ": "b", "ḃ": "b", "Ḅ": "b", "ḅ": "b", "Ḇ": "b", "ḇ": "b",
	"Ç": "c", "ç": "c", "Ć": "c", "ć": "c", "Ĉ": "c", "ĉ": "c", "Ċ": "c", "ċ": "c", "Č": "c", "č": "c", "Ḉ": "c", "ḉ": "c",
	"Ď": "d", "ď": "d", "Ḋ": "d", "ḋ": "d", "Ḍ": "d", "ḍ": "d", "Ḏ": "d", "ḏ": "d", "Ḑ": "d", "ḑ": "d", "Ḓ": "d", "ḓ": "d",
	"Đ": "d", "đ": "d",
	"È": "e", "É": "e", "Ê": "e", "Ë": "e", "è": "e", "é": "e", "ê": "e", "ë": "e", "Ē": "e", "ē": "e", "Ĕ": "e", "ĕ": "e",
	"Ė": "e", "ė": "e", "Ę": "e", "ę": "e", "Ě": "e", "ě": "e", "Ȅ": "e", "ȅ": "e", "Ȇ": "e", "ȇ": "e", "Ȩ": "e", "ȩ": "e",
	"Ḕ": "e", "ḕ": "e", "Ḗ": "e", "ḗ": "e", "Ḙ": "e", "ḙ": "e", "Ḛ": "e", "ḛ": "e", "Ḝ": "e", "ḝ": "e", "Ẹ": "e", "ẹ": "e",
	"Ẻ": "e", "ẻ": "e", "Ẽ": "e", "ẽ": "e", "Ế": "e", "ế": "e", "Ề": "e", "ề": "e", "Ể": "e", "ể": "e", "Ễ": "e", "ễ": "e",
	"Ệ": "e", "ệ": "e",
	"Ḟ": "f", "ḟ": "f",
	"Ĝ": "g", "ĝ": "g", "Ğ": "g", "ğ": "g", "Ġ": "g", "ġ": "g", "Ģ": "g", "ģ": "g", "Ǧ": "g", "ǧ": "g", "Ǵ": "g", "ǵ": "g",
	"Ḡ": "g", "ḡ": "g",
	"Ĥ": "h", "ĥ": "h", "Ȟ": "h", "ȟ": "h", "Ḣ": "h", "ḣ": "h", "Ḥ": "h", "ḥ": "h", "Ḧ": "h", "ḧ": "h", "Ḩ": "h", "ḩ": "h",
	"Ḫ": "h", "ḫ": "h", "ẖ": "h",
	"Ì": "i", "Í": "i", "Î": "i", "Ï": "i", "ì": "i", "í": "i", "î": "i", "ï": "i", "Ĩ": "i", "ĩ": "i", "Ī": "i", "ī": "i",
	"Ĭ": "i", "ĭ": "i", "Į": "i", "į": "i", "İ": "i", "Ǐ": "i", "ǐ": "i", "Ȉ": "i", "ȉ": "i", "Ȋ": "i", "ȋ": "i", "Ḭ": "i",
	"ḭ": "i", "Ḯ": "i", "ḯ": "i", "Ỉ": "i", "ỉ": "i", "Ị": "i", "ị": "i",
	"Ĵ": "j", "ĵ": "j", "ǰ": "j",
	"Ķ": "k", "ķ": "k", "Ǩ": "k", "ǩ": "k", "Ḱ": "k", "ḱ": "k", "Ḳ": "k", "ḳ": "k", "Ḵ": "k", "ḵ": "k",
	"Ĺ": "l", "ĺ": "l", "Ļ": "l", "ļ": "l", "Ľ": "l", "ľ": "l", "Ḷ": "l", "ḷ": "l", "Ḹ": "l", "ḹ": "l", "Ḻ": "l", "ḻ": "l",
	"Ḽ": "l", "ḽ": "l",
	"Ḿ": "m", "ḿ": "m", "Ṁ": "m", "ṁ": "m", "Ṃ": "m", "ṃ": "m",
	"Ñ": "n", "ñ": "n", "Ń": "n", "ń": "n", "Ņ": "n", "ņ": "n", "Ň": "n", "ň": "n", "Ǹ": "n", "ǹ": "n", "Ṅ": "n", "ṅ": "n",
	"Ṇ": "n", "ṇ": "n", "Ṉ": "n", "ṉ": "n", "Ṋ": "n", "ṋ": "n",
	"Ò": "o", "Ó": "o", "Ô": "o", "Õ": "o", "Ö": "o", "ò": "o", "ó": "o", "ô": "o", "õ": "o", "ö": "o", "Ō": "o", "ō": "o",
	"Ŏ": "o", "ŏ": "o", "Ő": "o", "ő": "o", "Ơ": "o", "ơ": "o", "Ǒ": "o", "ǒ": "o", "Ǫ": "o", "ǫ": "o", "Ǭ": "o", "ǭ": "o",
	"Ȍ": "o", "ȍ": "o", "Ȏ": "o", "ȏ": "o", "Ȫ": "o", "ȫ": "o", "Ȭ": "o", "ȭ": "o", "Ȯ": "o", "ȯ": "o", "Ȱ": "o", "ȱ": "o",
	"Ṍ": "o", "ṍ": "o", "Ṏ": "o", "ṏ": "o", "Ṑ": "o", "ṑ": "o", "Ṓ": "o", "ṓ": "o", "Ọ": "o", "ọ": "o", "Ỏ": "o", "ỏ": "o",
	"Ố": "o", "ố": "o", "Ồ": "o", "ồ": "o", "Ổ": "o", "ổ": "o", "Ỗ": "o", "ỗ": "o", "Ộ": "o", "ộ": "o", "Ớ": "o", "ớ": "o",
	"Ờ": "o", "ờ": "o", "Ở": "o", "ở": "o", "Ỡ": "o", "ỡ": "o", "Ợ": "o", "ợ": "o",
	"Ṕ": "p", "ṕ": "p", "Ṗ": "p", "ṗ": "p",
	"Ŕ": "r", "ŕ": "r", "Ŗ": "r", "ŗ": "r", "Ř": "r", "ř": "r", "Ȑ": "r", "ȑ": "r", "Ȓ": "r", "ȓ": "r", "Ṙ": "r", "ṙ": "r",
	"Ṛ": "r", "ṛ": "r", "Ṝ": "r", "ṝ": "r", "Ṟ": "r", "ṟ": "r",
	"Ś": "s", "ś": "s", "Ŝ": "s", "ŝ": "s", "Ş": "s", "ş": "s", "Š": "s", "š": "s", "Ș": "s", "ș": "s", "Ṡ": "s", "ṡ": "s",
	"Ṣ": "s", "ṣ": "s", "Ṥ": "s", "ṥ": "s", "Ṧ": "s", "ṧ": "s", "Ṩ": "s", "ṩ": "s",
	"Ţ": "t", "ţ": "t", "Ť": "t", "ť": "t", "Ț": "t", "ț": "t", "Ṫ": "t", "ṫ": "t", "Ṭ": "t", "ṭ": "t", "Ṯ": "t", "ṯ": "t",
	"Ṱ": "t", "ṱ": "t", "ẗ": "t",
	"Ù": "u", "Ú": "u", "Û": "u", "Ü": "u", "ù": "u", "ú": "u", "û": "u", "ü": "u", "Ũ": "u", "ũ": "u", "Ū": "u", "ū": "u",
	"Ŭ": "u", "ŭ": "u", "Ů": "u", "ů": "u", "Ű": "u", "ű": "u", "Ų": "u", "ų": "u", "Ư": "u", "ư": "u", "Ǔ": "u", "ǔ": "u",
	"Ǖ": "u", "ǖ": "u", "Ǘ": "u", "ǘ": "u", "Ǚ": "u", "ǚ": "u", "Ǜ": "u", "ǜ": "u", "Ȕ": "u", "ȕ": "u", "Ȗ": "u", "ȗ": "u",
	"Ṳ": "u", "ṳ": "u", "Ṵ": "u", "ṵ": "u", "Ṷ": "u", "ṷ": "u", "Ṹ": "u", "ṹ": "u", "Ṻ": "u", "ṻ": "u", "Ụ": "u", "ụ": "u",
	"Ủ": "u", "ủ": "u", "Ứ": "u", "ứ": "u", "Ừ": "u", "ừ": "u", "Ử": "u", "ử": "u", "Ữ": "u", "ữ": "u", "Ự": "u", "ự": "u",
	"Ṽ": "v", "ṽ": "v", "Ṿ": "v", "ṿ": "v",
	"Ŵ": "w", "ŵ": "w", "Ẁ": "w", "ẁ": "w", "Ẃ": "w", "ẃ": "w", "Ẅ": "w", "ẅ": "w", "Ẇ": "w", "ẇ": "w", "Ẉ": "w", "ẉ": "w",
	"ẘ": "w",
	"Ẋ": "x", "ẋ": "x", "Ẍ": "x", "ẍ": "x",
	"Ý": "y", "ý": "y", "ÿ": "y", "Ŷ": "y", "ŷ": "y", "Ÿ": "y", "Ȳ": "y", "ȳ": "y", "Ẏ": "y", "ẏ": "y", "ẙ": "y", "Ỳ": "y",
	"ỳ": "y", "Ỵ": "y", "ỵ": "y", "Ỷ": "y", "ỷ": "y", "Ỹ": "y", "ỹ": "y",
	"Ź": "z", "ź": "z", "Ż": "z", "ż": "z", "Ž": "z", "ž": "z", "Ẑ": "z", "ẑ": "z", "Ẓ": "z", "ẓ": "z", "Ẕ": "z", "ẕ": "z",
	"\u0300": "", "\u0301": "", "\u0302": "", "\u0303": "", "\u0304": "", "\u0305": "", "\u0306": "", "\u0307": "",
	"\u0308": "", "\u0309": "", "\u030a": "", "\u030b": "", "\u030c": "", "\u030d": "", "\u030e": "", "\u030f": "",
	"\u0310": "", "\u0311": "", "\u0312": "", "\u0313": "", "\u0314": "", "\u0315": "", "\u0316": "", "\u0317": "",
	"\u0318": "", "\u0319": "", "\u031a": "", "\u031b": "", "\u031c": "", "\u031d": "", "\u031e": "", "\u031f": "",
	"\u0320": "", "\u0321": "", "\u0322": "", "\u0323": "", "\u0324": "", "\u0325": "", "\u0326": "", "\u0327": "",
	"\u0328": "", "\u0329": "", "\u032a": "", "\u032b": "", "\u032c": "", "\u032d": "", "\u032e": "", "\u032f": "",
	"\u0330": "", "\u0331": "", "\u0332": "", "\u0333": "", "\u0334": "", "\u0335": "", "\u0336": "", "\u0337": "",
	"\u0338": "", "\u0339": "", "\u033a": "", "\u033b": "", "\u033c": "", "\u033d": "", "\u033e": "", "\u033f": "",
	"\u0340": "", "\u0341": "", "\u0342": "", "\u0343": "", "\u0344": "", "\u0345": "", "\u0346": "", "\u0347": "",
	"\u0348": "", "\u0349": "", "\u034a": "", "\u034b": "", "\u034c": "", "\u034d": "", "\u034e": "", "\u034f": "",
	"\u0350": "", "\u0351": "", "\u0352": "", "\u0353": "", "\u0354": "", "\u0355": "", "\u0356": "", "\u0357": "",
	"\u0358": "", "\u0359": "", "\u035a": "", "\u035b": "", "\u035c": "", "\u035d": "", "\u035e": "", "\u035f": "",
	"\u0360": "", "\u0361": "", "\u0362": "", "\u0363": "", "\u0364": "", "\u0365": "", "\u0366": "", "\u0367": "",
	"\u0368": "", "\u0369": "", "\u036a": "", "\u036b": "", "\u036c": "", "\u036d": "", "\u036e": "", "\u036f": "",
	"\u0085": " ", "\u00a0": " ", "\u2000": " ", "\u2001": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2007": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u205f": " ", "\u3000": " ",
}

# ---------------------------------------------------------------------------
# Schema validation: the dossier the rules read

# The schema of Rules/kl81-cantho/01-schema.rules as a table: the pattern of
# a path (array indexes as "*") -> its declared type. Generated by
# `tuanthu schema Rules/kl81-cantho | .ci/opa/schema-table.py`; regenerate
# it when the schema changes.
schema_table := {
	"compliance_history": {"t": "array"},
	"compliance_history/*": {"t": "object"},
	"compliance_history/*/date": {"t": "date"},
	"compliance_history/*/decision_no": {"t": "string"},
	"compliance_history/*/remedied": {"t": "bool"},
	"compliance_history/*/violation": {"t": "string"},
	"eia": {"t": "object"},
	"eia/authority": {"t": "string"},
	"eia/authority_level": {"t": "enum", "v": ["ministry", "provincial_pc", "provincial_department", "district_pc", "commune_pc"]},
	"eia/consultation": {"t": "object"},
	"eia/consultation/commune_pc": {"t": "bool"},
	"eia/consultation/meeting_date": {"t": "date"},
	"eia/decision_date": {"t": "date"},
	"eia/decision_no": {"t": "string"},
	"eia/preliminary_included": {"t": "bool"},
	"eia/riverbank_protection_plan": {"t": "bool"},
	"eia/sections": {"t": "array"},
	"eia/sections/*": {"t": "string"},
	"emissions": {"t": "object"},
	"emissions/concentrations": {"t": "object"},
	"emissions/concentrations/co_mg_nm3": {"t": "number"},
	"emissions/concentrations/dust_mg_nm3": {"t": "number"},
	"emissions/concentrations/nox_mg_nm3": {"t": "number"},
	"emissions/concentrations/so2_mg_nm3": {"t": "number"},
	"emissions/flow_m3_h": {"t": "number"},
	"emissions/treatment": {"t": "string"},
	"energy": {"t": "object"},
	"energy/efficiency_measures": {"t": "array"},
	"energy/efficiency_measures/*": {"t": "string"},
	"energy/energy_manager": {"t": "bool"},
	"energy/fossil_fuels": {"t": "array"},
	"energy/fossil_fuels/*": {"t": "string"},
	"energy/fossil_reduction_plan": {"t": "bool"},
	"energy/last_audit_on": {"t": "date"},
	"energy/renewable_share_pct": {"t": "number"},
	"energy/toe_year": {"t": "number"},
	"env_permit": {"t": "object"},
	"env_permit/authority": {"t": "string"},
	"env_permit/expires_on": {"t": "date"},
	"env_permit/issued_on": {"t": "date"},
	"env_permit/no": {"t": "string"},
	"env_registration": {"t": "object"},
	"env_registration/commune": {"t": "string"},
	"env_registration/registered_on": {"t": "date"},
	"ghg": {"t": "object"},
	"ghg/est_tco2e_year": {"t": "number"},
	"ghg/inventory": {"t": "bool"},
	"ghg/reduction_plan": {"t": "object"},
	"ghg/reduction_plan/baseline_year": {"t": "integer"},
	"ghg/reduction_plan/measures": {"t": "array"},
	"ghg/reduction_plan/measures/*": {"t": "string"},
	"ghg/reduction_plan/target_pct": {"t": "number"},
	"id": {"t": "string"},
	"investor": {"t": "object"},
	"investor/name": {"t": "string"},
	"investor/tax_code": {"t": "string"},
	"kind": {"t": "enum", "v": ["investment_project", "sector_plan", "sand_mining_licence", "public_works"]},
	"land_use": {"t": "object"},
	"land_use/fills_waterbody_ids": {"t": "array"},
	"land_use/fills_waterbody_ids/*": {"t": "string"},
	"land_use/protected_forest_ha": {"t": "number"},
	"land_use/rice_land_2crop_converted_ha": {"t": "number"},
	"land_use/total_area_ha": {"t": "number"},
	"location": {"t": "object"},
	"location/climate_scenario": {"t": "string"},
	"location/commune": {"t": "string"},
	"location/coordinates": {"t": "object"},
	"location/coordinates/lat": {"t": "number"},
	"location/coordinates/lon": {"t": "number"},
	"location/design_ground_elev_m": {"t": "number"},
	"location/design_life_years": {"t": "number"},
	"location/design_tide_m": {"t": "number"},
	"location/distance_to_bank_m": {"t": "number"},
	"location/erosion_assessment": {"t": "bool"},
	"location/erosion_zone": {"t": "enum", "v": ["none", "low", "medium", "high"]},
	"location/flood_risk_zone": {"t": "enum", "v": ["none", "low", "medium", "high"]},
	"location/in_industrial_cluster": {"t": "bool"},
	"location/legacy_district": {"t": "string"},
	"location/salinity_risk": {"t": "enum", "v": ["none", "low", "medium", "high"]},
	"location/subsidence_mm_year": {"t": "number"},
	"monitoring": {"t": "object"},
	"monitoring/ambient_points": {"t": "integer"},
	"monitoring/data_link": {"t": "string"},
	"monitoring/periodic_per_year": {"t": "integer"},
	"plan": {"t": "object"},
	"plan/items": {"t": "array"},
	"plan/items/*": {"t": "object"},
	"plan/items/*/budget_billion_vnd": {"t": "number"},
	"plan/items/*/climate": {"t": "object"},
	"plan/items/*/climate/adaptation_measures": {"t": "array"},
	"plan/items/*/climate/adaptation_measures/*": {"t": "string"},
	"plan/items/*/climate/impact_analysis": {"t": "bool"},
	"plan/items/*/climate/mitigation_tco2e_year": {"t": "number"},
	"plan/items/*/criteria": {"t": "object"},
	"plan/items/*/criteria/climate": {"t": "array"},
	"plan/items/*/criteria/climate/*": {"t": "string"},
	"plan/items/*/criteria/environment": {"t": "array"},
	"plan/items/*/criteria/environment/*": {"t": "string"},
	"plan/items/*/id": {"t": "string"},
	"plan/items/*/name": {"t": "string"},
	"planning_conformity": {"t": "object"},
	"planning_conformity/party_programme_refs": {"t": "array"},
	"planning_conformity/party_programme_refs/*": {"t": "string"},
	"planning_conformity/provincial_plan_ref": {"t": "string"},
	"project": {"t": "object"},
	"project/capacity_class": {"t": "enum", "v": ["small", "medium", "large"]},
	"project/description": {"t": "string"},
	"project/env_group": {"t": "enum", "v": ["I", "II", "III", "IV"]},
	"project/group_criterion": {"t": "enum", "v": ["a", "b", "c", "d", "dd", "e"]},
	"project/name": {"t": "string"},
	"project/polluting_type": {"t": "bool"},
	"project/stage": {"t": "enum", "v": ["investment_policy", "feasibility_study", "licence_application", "construction", "operation"]},
	"project/start_on": {"t": "date"},
	"project/total_capital_billion_vnd": {"t": "number"},
	"project/type": {"t": "enum", "v": ["industrial_cluster", "industrial_park", "factory", "urban_development", "residential", "transport", "energy", "agriculture_aquaculture", "waste_treatment", "water_supply", "sand_mining", "public_works", "building", "other"]},
	"project/urgent_public_investment": {"t": "bool"},
	"resettlement": {"t": "object"},
	"resettlement/destination_risk": {"t": "enum", "v": ["none", "low", "medium", "high"]},
	"resettlement/from_high_risk_area": {"t": "bool"},
	"resettlement/households": {"t": "integer"},
	"resettlement/persons": {"t": "integer"},
	"resettlement/plan_ref": {"t": "string"},
	"sand_mining": {"t": "object"},
	"sand_mining/bank_monitoring_frequency": {"t": "string"},
	"sand_mining/erosion_assessment": {"t": "bool"},
	"sand_mining/in_banned_zone": {"t": "bool"},
	"sand_mining/licence": {"t": "object"},
	"sand_mining/licence/authority": {"t": "string"},
	"sand_mining/licence/expires_on": {"t": "date"},
	"sand_mining/licence/issued_on": {"t": "date"},
	"sand_mining/licence/no": {"t": "string"},
	"sand_mining/markers_installed": {"t": "bool"},
	"sand_mining/operating_hours": {"t": "object"},
	"sand_mining/operating_hours/end": {"t": "string"},
	"sand_mining/operating_hours/start": {"t": "string"},
	"sand_mining/reserve_m3": {"t": "number"},
	"sand_mining/restoration_deposit_vnd": {"t": "number"},
	"sand_mining/river": {"t": "string"},
	"sand_mining/stockyard_port_licence": {"t": "string"},
	"sand_mining/vessels": {"t": "array"},
	"sand_mining/vessels/*": {"t": "object"},
	"sand_mining/vessels/*/gps": {"t": "bool"},
	"sand_mining/vessels/*/registration": {"t": "string"},
	"sand_mining/volume_m3_year": {"t": "number"},
	"sensitive_factors": {"t": "array"},
	"sensitive_factors/*": {"t": "string"},
	"solid_waste": {"t": "object"},
	"solid_waste/circular_measures": {"t": "array"},
	"solid_waste/circular_measures/*": {"t": "string"},
	"solid_waste/domestic_kg_day": {"t": "number"},
	"solid_waste/hazardous_handler_licence": {"t": "string"},
	"solid_waste/hazardous_kg_year": {"t": "number"},
	"solid_waste/plastic_reduction_plan": {"t": "bool"},
	"solid_waste/shares_pct": {"t": "object"},
	"solid_waste/shares_pct/energy_recovery": {"t": "number"},
	"solid_waste/shares_pct/landfill": {"t": "number"},
	"solid_waste/shares_pct/recycle": {"t": "number"},
	"solid_waste/sorting_streams": {"t": "array"},
	"solid_waste/sorting_streams/*": {"t": "string"},
	"submitted_on": {"t": "date"},
	"wastewater": {"t": "object"},
	"wastewater/auto_monitoring": {"t": "bool"},
	"wastewater/column": {"t": "enum", "v": ["A", "B"]},
	"wastewater/discharge_type": {"t": "enum", "v": ["process_domestic", "cooling_water", "aquaculture"]},
	"wastewater/domestic_m3_day": {"t": "number"},
	"wastewater/effluent": {"t": "object"},
	"wastewater/effluent/bod5_mg_l": {"t": "number"},
	"wastewater/effluent/cod_mg_l": {"t": "number"},
	"wastewater/effluent/coliform_mpn_100ml": {"t": "number"},
	"wastewater/effluent/nh4_mg_l": {"t": "number"},
	"wastewater/effluent/tn_mg_l": {"t": "number"},
	"wastewater/effluent/tp_mg_l": {"t": "number"},
	"wastewater/effluent/tss_mg_l": {"t": "number"},
	"wastewater/generated_m3_day": {"t": "number"},
	"wastewater/industrial_m3_day": {"t": "number"},
	"wastewater/kf": {"t": "number"},
	"wastewater/licensed_discharge_m3_day": {"t": "number"},
	"wastewater/receiving_water": {"t": "object"},
	"wastewater/receiving_water/domestic_supply_use": {"t": "bool"},
	"wastewater/receiving_water/kq": {"t": "number"},
	"wastewater/receiving_water/name": {"t": "string"},
	"wastewater/standard": {"t": "string"},
	"wastewater/treatment": {"t": "object"},
	"wastewater/treatment/capacity_m3_day": {"t": "number"},
	"wastewater/treatment/central_plant_connected": {"t": "bool"},
	"wastewater/treatment/technology": {"t": "string"},
	"water_supply": {"t": "object"},
	"water_supply/groundwater_licence": {"t": "string"},
	"water_supply/groundwater_m3_day": {"t": "number"},
	"water_supply/source": {"t": "string"},
	"water_supply/surface_licence": {"t": "string"},
	"water_supply/surface_m3_day": {"t": "number"},
	"water_supply/surface_own_intake": {"t": "bool"},
}

# The pattern of a path: array indexes as "*".
pattern(path) := concat("/", [k | some x in path; k := pattern_key(x)])

pattern_key(x) := "*" if is_number(x) else := x

# Paths of the values that fail the schema. A null member is a value not
# given (not checked); a null list element is a wrong type.
bad contains path if {
	walk(input, [path, value])
	count(path) > 0
	not null_member(path, value)
	spec := schema_table[pattern(path)]
	not conforms(spec, value)
}

null_member(path, value) if {
	value == null
	is_string(path[count(path) - 1])
}

conforms(s, v) if { s.t == "string"; is_string(v) }
conforms(s, v) if { s.t == "number"; is_number(v) }
conforms(s, v) if { s.t == "integer"; is_number(v); v == floor(v) }
conforms(s, v) if { s.t == "bool"; is_boolean(v) }
conforms(s, v) if { s.t == "object"; is_object(v) }
conforms(s, v) if { s.t == "array"; is_array(v) }
conforms(s, v) if { s.t == "enum"; is_string(v); v in s.v }
conforms(s, v) if { s.t == "date"; is_string(v); is_number(date3(v)) }

# The dossier as the rules read it: each value that fails the schema is inv.
dossier := input if count(bad) == 0
else := json.patch(input, [{"op": "replace", "path": p, "value": inv} | some p in bad])

# The value at `p` (a key or a list of keys) from the root: null when absent,
# inv when it or a value on the way failed the schema.
dget(p) := object.get(dossier, p, null) if is_string(p)
else := object.get(dossier, p, null) if count(bad) == 0
else := inv if { some n in numbers.range(1, count(p) - 1); is_set(object.get(dossier, array.slice(p, 0, n), null)) }
else := object.get(dossier, p, null)

# ---------------------------------------------------------------------------
# Outcomes

# The outcome of a rule whose `when` is not true: false -> not_applicable,
# unknown or invalid -> missing (an invalid `when` cannot tell whether the rule
# applies: never not_applicable, never a violation).
skip(w) := "not_applicable" if w == false else := "missing"

# The outcome of a rule with one `require`, from its truth.
verdict1(r) := "pass" if r == true else := "missing" if r == null else := "fail"

# The outcome of a rule from the truth of each `require` it evaluated (one per
# element inside `for each`).
verdict(rs) := "pass" if { every r in rs { r == true } }
else := "fail" if { some r in rs; r == false }
else := "fail" if { some r in rs; is_set(r) }
else := "missing"

# `for each x in c`: c absent or null gives a missing finding, c not a list an
# invalid one; undefined for a list (the rule then decides on its elements).
each_skip(c) := "missing" if c == null else := "fail" if not is_array(c)

# The result: every rule's outcome, and the finding tuanthu.invalid-date (which
# tuanthu lists among the rules) when submitted_on is given but is not a date.
outcomes := object.union(rule_outcomes, {"tuanthu.invalid-date": "fail"}) if {
	is_object(input)
	is_set(submitted)
} else := rule_outcomes

# The rules, in the pack's order (tuanthu reports them in this order).
rule_outcomes := {
	"KL81-2-PLAN-01": plan_01,
	"KL81-2-PLAN-02": plan_02,
	"KL81-2-PLAN-03": plan_03,
	"KL81-2-CLS-01": cls_01,
	"KL81-2-CLS-02": cls_02,
	"KL81-2-CLS-03": cls_03,
	"KL81-2-CLS-04": cls_04,
	"KL81-2-PLAN-04": plan_04,
	"KL81-2-EIA-01": eia_01,
	"KL81-2-EIA-02": eia_02,
	"KL81-2-EIA-03": eia_03,
	"KL81-2-EIA-04": eia_04,
	"KL81-2-PRM-01": prm_01,
	"KL81-2-REG-01": reg_01,
	"KL81-3.1-AUTH-01": auth_01,
	"KL81-3.2-EN-01": en_01,
	"KL81-3.2-EN-02": en_02,
	"KL81-3.2-EN-03": en_03,
	"KL81-3.2-EN-04": en_04,
	"KL81-3.2-EN-05": en_05,
	"KL81-3.2-EN-06": en_06,
	"KL81-3.2-CE-01": ce_01,
	"KL81-3.3-FLD-01": fld_01,
	"KL81-3.3-FLD-02": fld_02,
	"KL81-3.3-ERO-01": ero_01,
	"KL81-3.3-ERO-02": ero_02,
	"KL81-3.3-SUB-01": sub_01,
	"KL81-3.3-SAL-01": sal_01,
	"KL81-3.3-RES-01": res_01,
	"KL81-3.3-RES-02": res_02,
	"KL81-3.3-GHG-01": ghg_01,
	"KL81-3.3-GHG-02": ghg_02,
	"KL81-3.3-GHG-03": ghg_03,
	"KL81-3.3-GHG-04": ghg_04,
	"KL81-3.4-SAND-01": sand_01,
	"KL81-3.4-SAND-02": sand_02,
	"KL81-3.4-SAND-03": sand_03,
	"KL81-3.4-SAND-04": sand_04,
	"KL81-3.4-SAND-05": sand_05,
	"KL81-3.4-SAND-06": sand_06,
	"KL81-3.4-SAND-07": sand_07,
	"KL81-3.4-WAT-01": wat_34_01,
	"KL81-3.4-WAT-02": wat_34_02,
	"KL81-3.4-DAT-01": dat_01,
	"KL81-3.5-WW-01": ww_01,
	"KL81-3.5-WW-02": ww_02,
	"KL81-3.5-WW-03": ww_03,
	"KL81-3.5-WW-04": ww_04,
	"KL81-3.5-WW-05": ww_05,
	"KL81-3.5-WW-06": ww_06,
	"KL81-3.5-SW-01": sw_01,
	"KL81-3.5-SW-02": sw_02,
	"KL81-3.5-SW-03": sw_03,
	"KL81-3.5-SW-04": sw_04,
	"KL81-3.5-AIR-01": air_01,
	"KL81-3.5-AIR-02": air_02,
	"KL81-3.5-WAT-01": wat_35_01,
	"KL81-3.5-WB-01": wb_01,
	"KL81-3.6-CON-01": con_01,
	"KL81-3.6-PRM-01": prm_36_01,
	"KL81-3.6-MON-01": mon_01,
	"KL81-3.6-HIS-01": his_01,
} if is_object(input)

# ---------------------------------------------------------------------------
# Thresholds (Rules/kl81-cantho/02-thresholds.rules: same names, same values)

provincial_plan_decision := "1519/QĐ-TTg"

provincial_plan_folded := "1519/qd-ttg" # fold(provincial_plan_decision)

large_land_use_ha := 100

eia_group_ii_criteria := ["c", "d", "dd", "e"]

eia_required_sections := [
	"origin", "conformity", "technology", "baseline", "impacts", "waste_measures",
	"incident_response", "monitoring", "consultation", "commitments",
]

registration_exempt_domestic_waste_kg_day := 300

registration_exempt_wastewater_m3_day := 5

registration_exempt_emissions_m3_h := 50

cluster_eia_by_city_pc_from := date3("2025-01-06")

key_energy_user_toe_year := 1000

key_energy_building_toe_year := 500

energy_audit_max_age_days := 1096

flood_freeboard_m := 0.3

erosion_setback_m := 50

ghg_inventory_tco2e_year := 3000

ghg_inventory_toe_year := 1000

sand_mining_hours_start := "05:00"

sand_mining_hours_end := "19:00"

# QCVN 40:2011/BTNMT Table 1: value C by column, and whether Kq and Kf apply.
# (All the fields of the pack's table are kept: the rule indexes an entry by
# the dossier's column, so a column "name" reads a text and is invalid.)
qcvn40_2011_limits := [
	{"key": "bod5_mg_l", "name": "BOD5 (20 °C)", "unit": "mg/L", "A": 30, "B": 50, "k": true},
	{"key": "cod_mg_l", "name": "COD", "unit": "mg/L", "A": 75, "B": 150, "k": true},
	{"key": "tss_mg_l", "name": "TSS", "unit": "mg/L", "A": 50, "B": 100, "k": true},
	{"key": "nh4_mg_l", "name": "Amoni (NH4+ tính theo N)", "unit": "mg/L", "A": 5, "B": 10, "k": true},
	{"key": "tn_mg_l", "name": "Tổng nitơ", "unit": "mg/L", "A": 20, "B": 40, "k": true},
	{"key": "tp_mg_l", "name": "Tổng phốt pho", "unit": "mg/L", "A": 4, "B": 6, "k": true},
	{"key": "coliform_mpn_100ml", "name": "Coliform", "unit": "MPN/100 mL", "A": 3000, "B": 5000, "k": false},
]

qcvn40_2025 := "QCVN 40:2025"

qcvn40_2025_folded := "qcvn 40:2025" # fold(qcvn40_2025)

effluent_parameters := ["bod5_mg_l", "cod_mg_l", "tss_mg_l", "nh4_mg_l", "tn_mg_l", "tp_mg_l", "coliform_mpn_100ml"]

exhaust_parameters := ["dust_mg_nm3", "so2_mg_nm3", "nox_mg_nm3", "co_mg_nm3"]

auto_monitoring_polluting_m3_day := 500

auto_monitoring_other_m3_day := 1000

sorting_streams_required := ["recyclable", "food", "other"]

landfill_share_max_pct := 30

emissions_treatment_m3_h := 50

monitoring_min_per_year := 2

# The limits the pack leaves `null` (QCVN 40:2025's, the emission standard's,
# Decree 30/2026's key-energy-user figures): a comparison with them is
# unknown, so those rules ask for a check by hand (outcome missing).

# KL81-3.5-WW-03 is in force until, and KL81-3.5-WW-04/06 from, this date.
qcvn40_2025_from := date3("2025-09-01")

# KL81-3.2-EN-01/03 are in force until, and KL81-3.2-EN-04 from, this date.
decree_30_2026_from := date3("2026-01-21")

# The as-of date of the check (tuanthu's --as-of): data.config.as_of, else
# 2026-11-29. It picks the rules in force for a dossier without a usable
# submitted_on (the ruleset's date_field).
default as_of := "2026-11-29"

as_of := data.config.as_of

# date(submitted_on): a date number, null when absent or null, inv when it is
# not a date.
submitted := date3(object.get(input, "submitted_on", null))

# The date that selects the rules in force: submitted_on when it is a date,
# else the as-of date.
dossier_date := submitted if is_number(submitted) else := date3(as_of)

# ---------------------------------------------------------------------------
# More three-valued helpers for the rules below

# `x in xs` where both may be values read from the dossier or computed (xs a
# list of strings): invalid beats unknown.
in_list3(x, xs) := inv if is_set(x)
else := inv if is_set(xs)
else := null if x == null
else := null if xs == null
else := x in xs if { is_string(x); is_array(xs) }
else := inv

# `a * b`, `a - b`, `a / k` (k a non-zero literal) on numbers.
mul3(a, b) := a * b if { is_number(a); is_number(b) }
else := num_bad(a, b)

sub3(a, b) := a - b if { is_number(a); is_number(b) }
else := num_bad(a, b)

div3(a, k) := a / k if is_number(a)
else := num_bad(a, k)

num_bad(a, b) := inv if is_set(a)
else := inv if is_set(b)
else := null if a == null
else := null if b == null
else := inv

# `round(x, 2)`.
round2(x) := round(x * 100) / 100 if is_number(x)
else := x

# `if c then a else b`.
if3(c, a, b) := a if c == true
else := b if c == false
else := c

# `count(x) == 0`.
count_zero(x) := count(x) == 0 if is_array(x)
else := null if x == null
else := inv

# ---------------------------------------------------------------------------
# Shared definitions (Rules/kl81-cantho/03-common.rules). Each one's first
# branches settle the well-typed cases with builtins only; the last branch is
# the general three-valued evaluation.

kind := dget("kind")

ptype := dget(["project", "type"])

env_group := dget(["project", "env_group"])

stage := dget(["project", "stage"])

plan_items := dget(["plan", "items"])

# kind != "sector_plan"
classified := true if { is_string(kind); kind != "sector_plan" }
else := ne3(kind, "sector_plan")

# classified and project.env_group in ["I", "II"]
group_i_ii := false if classified == false
else := true if { classified == true; env_group in {"I", "II"} }
else := false if { classified == true; is_string(env_group) }
else := all3([classified, in3(env_group, ["I", "II"])])

# kind in ["investment_project", "public_works"]
site_project := true if kind in {"investment_project", "public_works"}
else := false if is_string(kind)
else := in3(kind, ["investment_project", "public_works"])

# classified and project.type in types (the project-type characteristics of
# 03-common.rules).
typed(types) := false if classified == false
else := true if { classified == true; ptype in types }
else := false if { classified == true; is_string(ptype) }
else := all3([classified, in3(ptype, types)])

industrial := typed(["industrial_cluster", "industrial_park", "factory"])

# kind == "sand_mining_licence" or (classified and project.type == "sand_mining")
sand_dossier := true if kind == "sand_mining_licence"
else := any3([eq3(kind, "sand_mining_licence"), all3([classified, eq3(ptype, "sand_mining")])])

discharges_wastewater := typed([
	"industrial_cluster", "industrial_park", "factory", "urban_development", "residential",
	"waste_treatment", "agriculture_aquaculture", "energy", "water_supply", "building",
])

produces_solid_waste := typed([
	"industrial_cluster", "industrial_park", "factory", "urban_development", "residential",
	"waste_treatment", "agriculture_aquaculture", "energy", "water_supply", "sand_mining", "building",
])

emits_exhaust := typed(["factory", "waste_treatment"])

energy_user := typed([
	"industrial_cluster", "industrial_park", "factory", "waste_treatment", "energy",
	"agriculture_aquaculture", "water_supply", "building",
])

water_user := typed([
	"industrial_cluster", "industrial_park", "factory", "urban_development", "residential",
	"agriculture_aquaculture", "water_supply", "building",
])

manages_waste := typed(["industrial_cluster", "industrial_park", "urban_development", "waste_treatment"])

# kind in ["sector_plan", "investment_project", "public_works"]
plan_expected := in3(kind, ["sector_plan", "investment_project", "public_works"])

# def reaches(expected, amount, limit) = (amount ?? 0) >= limit or (expected and amount >= limit)
reaches(expected, amount, limit) := true if { is_number(amount); is_number(limit); amount >= limit }
else := false if { is_number(amount); is_number(limit); expected != inv }
else := false if { amount == null; is_number(limit); expected == false }
else := any3([ge3(coalesce(amount, 0), limit), all3([expected, ge3(amount, limit)])])

# def exceeds(expected, amount, limit) = (amount ?? 0) > limit or (expected and amount > limit)
exceeds(expected, amount, limit) := true if { is_number(amount); amount > limit }
else := false if { is_number(amount); expected != inv }
else := false if { amount == null; expected == false }
else := any3([gt3(coalesce(amount, 0), limit), all3([expected, gt3(amount, limit)])])

# project.stage == "operation"
operating := eq3(stage, "operation")

# project.stage in ["construction", "operation"]
licensed_stage := in3(stage, ["construction", "operation"])

# classified and (project.env_group == "I" or (project.env_group == "II" and
#   project.group_criterion in eia_group_ii_criteria)) and
#   not (project.urgent_public_investment ?? false) and project.stage != "investment_policy"
eia_required := false if classified == false
else := all3([
	classified,
	any3([
		eq3(env_group, "I"),
		all3([eq3(env_group, "II"), in3(dget(["project", "group_criterion"]), eia_group_ii_criteria)]),
	]),
	not3(flag(dget(["project", "urgent_public_investment"]))),
	ne3(stage, "investment_policy"),
])

# not (project.type in ["industrial_cluster", "industrial_park"]) and
#   (wastewater.treatment.central_plant_connected ?? false)
to_central_plant := all3([
	not3(in3(ptype, ["industrial_cluster", "industrial_park"])),
	flag(dget(["wastewater", "treatment", "central_plant_connected"])),
])

# wastewater.licensed_discharge_m3_day ?? wastewater.generated_m3_day
discharge_m3_day := coalesce(dget(["wastewater", "licensed_discharge_m3_day"]), dget(["wastewater", "generated_m3_day"]))

# if classified and project.type == "building" then 500 else 1000
energy_figure := if3(all3([classified, eq3(ptype, "building")]), key_energy_building_toe_year, key_energy_user_toe_year)

# reaches(energy_user, energy.toe_year, energy_figure)
key_energy_user := reaches(energy_user, dget(["energy", "toe_year"]), energy_figure)

# classified and operating and (reaches(group_I_II, ghg.est_tco2e_year, 3000) or
#   reaches(energy_user, energy.toe_year, 1000))
ghg_inventory_required := false if classified == false
else := all3([
	classified,
	operating,
	any3([
		reaches(group_i_ii, dget(["ghg", "est_tco2e_year"]), ghg_inventory_tco2e_year),
		reaches(energy_user, dget(["energy", "toe_year"]), ghg_inventory_toe_year),
	]),
])

# classified and project.env_group in ["I", "II", "III"] and
# (exceeds(discharges_wastewater, wastewater.generated_m3_day, 0) or
#  reaches(emits_exhaust, emissions.flow_m3_h, emissions_treatment_m3_h) or
#  exceeds(produces_solid_waste, solid_waste.hazardous_kg_year, 0))
permit_duty := false if classified == false
else := false if { is_string(env_group); not env_group in {"I", "II", "III"} }
else := all3([
	classified,
	in3(env_group, ["I", "II", "III"]),
	any3([
		exceeds(discharges_wastewater, dget(["wastewater", "generated_m3_day"]), 0),
		reaches(emits_exhaust, dget(["emissions", "flow_m3_h"]), emissions_treatment_m3_h),
		exceeds(produces_solid_waste, dget(["solid_waste", "hazardous_kg_year"]), 0),
	]),
])

# permit_duty and operating
permit_required := all3([permit_duty, operating])

# ---------------------------------------------------------------------------
# The rules. Each is an else-chain: first, where worth it, branches that
# settle the common well-typed case with builtins only ("fast"; each is a
# sufficient condition for the answer of the general branches), then the
# general evaluation: `when` (skip), then the requires (verdict).

# ---------------------------------------------------------------------------
# Item 2

# KL81-2-PLAN-01 (error): every plan item has >= 1 environment and >= 1 climate criterion.
#   when plan_expected
#   require count(plan.items) >= 1
#   for each it in plan.items {
#     require count(it.criteria.environment ?? []) >= 1
#     require count(it.criteria.climate ?? []) >= 1 }
plan_01 := skip(plan_expected) if plan_expected != true
else := "missing" if plan_items == null
else := "fail" if not is_array(plan_items)
else := "pass" if {
	count(plan_items) > 0
	every it in plan_items {
		is_array(it.criteria.environment)
		count(it.criteria.environment) > 0
		is_array(it.criteria.climate)
		count(it.criteria.climate) > 0
	}
} else := verdict(array.concat([count(plan_items) >= 1], [r |
	some it in plan_items
	some r in [nonempty(at(it, ["criteria", "environment"])), nonempty(at(it, ["criteria", "climate"]))]
]))

# KL81-2-PLAN-02 (error): items of sector plans and group I/II projects analyse climate impact and adapt.
#   when plan_expected and (kind == "sector_plan" or group_I_II)
#   for each it in plan.items {
#     require it.climate.impact_analysis ?? false
#     require count(it.climate.adaptation_measures ?? []) >= 1 }
plan_02 := "not_applicable" if { is_string(kind); kind != "sector_plan"; group_i_ii == false }
else := skip(w) if {
	w := all3([plan_expected, any3([eq3(kind, "sector_plan"), group_i_ii])])
	w != true
} else := o if { o := each_skip(plan_items) }
else := "pass" if {
	every it in plan_items {
		it.climate.impact_analysis == true
		is_array(it.climate.adaptation_measures)
		count(it.climate.adaptation_measures) > 0
	}
} else := verdict([r |
	some it in plan_items
	some r in [flag(at(it, ["climate", "impact_analysis"])), nonempty(at(it, ["climate", "adaptation_measures"]))]
])

# KL81-2-PLAN-03 (warning): the dossier cites the Can Tho provincial plan (Decision 1519/QĐ-TTg).
#   require mentions(planning_conformity.provincial_plan_ref ?? "", provincial_plan_decision)
plan_03 := "pass" if {
	ref := dossier.planning_conformity.provincial_plan_ref
	is_string(ref)
	contains(ref, provincial_plan_decision)
} else := verdict1(mentions3(
	coalesce(dget(["planning_conformity", "provincial_plan_ref"]), ""),
	provincial_plan_decision, provincial_plan_folded,
))

# KL81-2-CLS-01 (error): the project declares its environmental risk group.
#   when classified
#   require (project.env_group ?? "") in ["I", "II", "III", "IV"]
cls_01 := "not_applicable" if classified == false
else := "pass" if { classified == true; env_group in {"I", "II", "III", "IV"} }
else := skip(classified) if classified != true
else := verdict1(in3(coalesce(env_group, ""), ["I", "II", "III", "IV"]))

# KL81-2-CLS-02 (error): a polluting type of large capacity, or medium with a sensitive factor, is group I.
#   when classified and project.polluting_type and
#     (project.capacity_class == "large" or
#       (project.capacity_class == "medium" and count(sensitive_factors ?? []) > 0))
#   require project.env_group == "I"
cls_02 := "not_applicable" if classified == false
else := "not_applicable" if dossier.project.polluting_type == false
else := "not_applicable" if { c := dossier.project.capacity_class; is_string(c); not c in {"large", "medium"} }
else := "not_applicable" if { dossier.project.capacity_class == "medium"; dget("sensitive_factors") in {null, []} }
else := "pass" if {
	classified == true
	dossier.project.polluting_type == true
	dossier.project.capacity_class == "large"
	env_group == "I"
} else := skip(w) if {
	capacity := dget(["project", "capacity_class"])
	w := all3([
		classified,
		tv(dget(["project", "polluting_type"])),
		any3([
			eq3(capacity, "large"),
			all3([eq3(capacity, "medium"), nonempty(dget("sensitive_factors"))]),
		]),
	])
	w != true
} else := verdict1(eq3(env_group, "I"))

# KL81-2-CLS-03 (error): converting wet-rice land of two or more crops is declared as a sensitive factor.
#   when site_project and land_use.rice_land_2crop_converted_ha > 0
#   require contains(sensitive_factors ?? [], "rice_land_2crop")
cls_03 := "not_applicable" if site_project == false
else := "not_applicable" if { r := dossier.land_use.rice_land_2crop_converted_ha; is_number(r); r <= 0 }
else := skip(w) if {
	w := all3([site_project, gt3(dget(["land_use", "rice_land_2crop_converted_ha"]), 0)])
	w != true
} else := verdict1(contains3(coalesce(dget("sensitive_factors"), []), "rice_land_2crop"))

# KL81-2-CLS-04 (warning): a project with large land use is in group I or II.
#   when classified and land_use.total_area_ha >= large_land_use_ha
#   require project.env_group in ["I", "II"]
cls_04 := "not_applicable" if classified == false
else := "not_applicable" if { a := dossier.land_use.total_area_ha; is_number(a); a < large_land_use_ha }
else := "pass" if {
	classified == true
	a := dossier.land_use.total_area_ha
	is_number(a)
	a >= large_land_use_ha
	env_group in {"I", "II"}
} else := skip(w) if {
	w := all3([classified, ge3(dget(["land_use", "total_area_ha"]), large_land_use_ha)])
	w != true
} else := verdict1(in3(env_group, ["I", "II"]))

# KL81-2-PLAN-04 (warning): sector plans name Plan 255-KH/TU and Programme 27-CTr/TU.
#   when kind == "sector_plan"
#   require mentions(planning_conformity.party_programme_refs ?? [], "255-KH/TU")
#   require mentions(planning_conformity.party_programme_refs ?? [], "27-CTr/TU")
plan_04 := skip(w) if {
	w := eq3(kind, "sector_plan")
	w != true
} else := verdict([
	mentions3(refs, "255-KH/TU", "255-kh/tu"),
	mentions3(refs, "27-CTr/TU", "27-ctr/tu"),
]) if {
	refs := coalesce(dget(["planning_conformity", "party_programme_refs"]), [])
}

# KL81-2-EIA-01 (error): projects that must make an EIA (group I; group II under Art. 28(4)(c)-(e)) have one approved.
#   when eia_required
#   require (eia.decision_no ?? "") != "" and exists(eia.decision_date)
eia_01 := skip(eia_required) if eia_required != true
else := verdict1(all3([
	filled(dget(["eia", "decision_no"])),
	exists(dget(["eia", "decision_date"])),
]))

# KL81-2-EIA-02 (error): group I projects include a preliminary environmental assessment.
#   when classified and project.env_group == "I"
#   require eia.preliminary_included ?? false
eia_02 := "not_applicable" if classified == false
else := "not_applicable" if { is_string(env_group); env_group != "I" }
else := "pass" if { classified == true; env_group == "I"; dossier.eia.preliminary_included == true }
else := skip(w) if {
	w := all3([classified, eq3(env_group, "I")])
	w != true
} else := verdict1(flag(dget(["eia", "preliminary_included"])))

# KL81-2-EIA-03 (error): the EIA is approved before construction starts.
#   when eia_required and project.stage in ["construction", "operation"]
#   require date(eia.decision_date) < date(project.start_on)
eia_03 := skip(w) if {
	w := all3([eia_required, in3(stage, ["construction", "operation"])])
	w != true
} else := verdict1(lt3(
	date3(dget(["eia", "decision_date"])),
	date3(dget(["project", "start_on"])),
))

# KL81-2-EIA-04 (error): the EIA report contains every section of LEP Art. 32(1) (one finding per section).
#   when eia_required
#   for each s in eia_required_sections { require contains(eia.sections ?? [], s.id) }
eia_04 := skip(eia_required) if eia_required != true
else := "pass" if {
	sections := dossier.eia.sections
	is_array(sections)
	every id in eia_required_sections { id in sections }
} else := verdict([contains3(sections, id) |
	sections := coalesce(dget(["eia", "sections"]), [])
	some id in eia_required_sections
])

# KL81-2-PRM-01 (error): operating group I-III projects that discharge waste hold an environmental permit.
#   when permit_required
#   require (env_permit.no ?? "") != ""
prm_01 := skip(permit_required) if permit_required != true
else := verdict1(filled(dget(["env_permit", "no"])))

# KL81-2-REG-01 (warning): projects that need no permit register unless exempt.
#   when classified and project.stage in ["construction", "operation"] and not permit_duty and
#     (exceeds(produces_solid_waste, solid_waste.hazardous_kg_year, 0) or
#      reaches(produces_solid_waste, solid_waste.domestic_kg_day, registration_exempt_domestic_waste_kg_day) or
#      reaches(discharges_wastewater, wastewater.generated_m3_day, registration_exempt_wastewater_m3_day) or
#      reaches(emits_exhaust, emissions.flow_m3_h, registration_exempt_emissions_m3_h))
#   require exists(env_registration.registered_on)
reg_01 := "not_applicable" if classified == false
else := skip(w) if {
	w := all3([
		classified,
		in3(stage, ["construction", "operation"]),
		not3(permit_duty),
		any3([
			exceeds(produces_solid_waste, dget(["solid_waste", "hazardous_kg_year"]), 0),
			reaches(produces_solid_waste, dget(["solid_waste", "domestic_kg_day"]), registration_exempt_domestic_waste_kg_day),
			reaches(discharges_wastewater, dget(["wastewater", "generated_m3_day"]), registration_exempt_wastewater_m3_day),
			reaches(emits_exhaust, dget(["emissions", "flow_m3_h"]), registration_exempt_emissions_m3_h),
		]),
	])
	w != true
} else := verdict1(exists(dget(["env_registration", "registered_on"])))

# ---------------------------------------------------------------------------
# Item 3.1

# eia_in_cluster: project.type == "industrial_cluster" or (location.in_industrial_cluster ?? false)
eia_in_cluster := any3([eq3(ptype, "industrial_cluster"), flag(dget(["location", "in_industrial_cluster"]))])

# if project.env_group == "I" then ["ministry"]
# else if eia_in_cluster and date(eia.decision_date) >= cluster_eia_by_city_pc_from then ["provincial_pc"]
# else ["ministry", "provincial_pc"]
eia_authority_levels := if3(
	eq3(env_group, "I"),
	["ministry"],
	if3(
		all3([eia_in_cluster, ge3(date3(dget(["eia", "decision_date"])), cluster_eia_by_city_pc_from)]),
		["provincial_pc"],
		["ministry", "provincial_pc"],
	),
)

# KL81-3.1-AUTH-01 (warning): the EIA is approved by the body of the competent level.
#   when eia_required
#   require eia.authority_level in eia_authority_levels
auth_01 := skip(eia_required) if eia_required != true
else := verdict1(in_list3(dget(["eia", "authority_level"]), eia_authority_levels))

# ---------------------------------------------------------------------------
# Item 3.2

# KL81-3.2-EN-01 (error, until 2026-01-21): an operating key energy user has an energy manager and an audit
# in the 3 years before the dossier's date.
#   when key_energy_user and operating
#   require energy.energy_manager ?? false
#   require exists(energy.last_audit_on) and date(energy.last_audit_on) <= date(submitted_on) and
#     days_between(energy.last_audit_on, submitted_on) <= energy_audit_max_age_days
en_01 := "not_applicable" if dossier_date >= decree_30_2026_from
else := skip(w) if {
	w := all3([key_energy_user, operating])
	w != true
} else := verdict([
	flag(dget(["energy", "energy_manager"])),
	all3([
		exists(last_audit),
		le3(date3(last_audit), submitted),
		le3(days3(date3(last_audit), submitted), energy_audit_max_age_days),
	]),
]) if {
	last_audit := dget(["energy", "last_audit_on"])
}

# KL81-3.2-EN-02 (warning): industrial projects state the renewable share of their energy use.
#   when industrial
#   require exists(energy.renewable_share_pct)
en_02 := skip(industrial) if industrial != true
else := verdict1(exists(dget(["energy", "renewable_share_pct"])))

# KL81-3.2-EN-03 (warning, until 2026-01-21): key energy users list an efficiency measure.
#   when key_energy_user
#   require count(energy.efficiency_measures ?? []) >= 1
en_03 := "not_applicable" if dossier_date >= decree_30_2026_from
else := skip(key_energy_user) if key_energy_user != true
else := verdict1(nonempty(dget(["energy", "efficiency_measures"])))

# KL81-3.2-EN-04 (warning, from 2026-01-21): energy users are checked by hand against Decree 30/2026.
#   when energy_user
#   require energy.toe_year < key_energy_user_toe_year_2026   (null: unknown)
en_04 := "not_applicable" if dossier_date < decree_30_2026_from
else := skip(energy_user) if energy_user != true
else := verdict1(lt3(dget(["energy", "toe_year"]), null))

# KL81-3.2-EN-05 (info): industrial projects use some renewable energy.
#   when industrial
#   require energy.renewable_share_pct > 0
en_05 := skip(industrial) if industrial != true
else := verdict1(gt3(dget(["energy", "renewable_share_pct"]), 0))

# KL81-3.2-EN-06 (info): industrial projects burning fossil fuels plan to reduce them.
#   when industrial
#   require count(energy.fossil_fuels) == 0 or (energy.fossil_reduction_plan ?? false)
en_06 := skip(industrial) if industrial != true
else := verdict1(any3([
	count_zero(dget(["energy", "fossil_fuels"])),
	flag(dget(["energy", "fossil_reduction_plan"])),
]))

# KL81-3.2-CE-01 (info): industrial and waste-treatment projects list circular-economy measures.
#   when classified and project.type in ["industrial_cluster", "industrial_park", "factory", "waste_treatment"]
#   require count(solid_waste.circular_measures ?? []) >= 1
ce_01 := skip(w) if {
	w := typed(["industrial_cluster", "industrial_park", "factory", "waste_treatment"])
	w != true
} else := verdict1(nonempty(dget(["solid_waste", "circular_measures"])))

# ---------------------------------------------------------------------------
# Item 3.3

# KL81-3.3-FLD-01 (error): in a high flood-risk zone, the ground level is at least the design tide
# plus the freeboard.
#   when site_project and location.flood_risk_zone == "high"
#   require location.design_ground_elev_m >= location.design_tide_m + flood_freeboard_m
fld_01 := "not_applicable" if site_project == false
else := "not_applicable" if { z := dossier.location.flood_risk_zone; is_string(z); z != "high" }
else := "pass" if {
	site_project == true
	dossier.location.flood_risk_zone == "high"
	g := dossier.location.design_ground_elev_m
	t := dossier.location.design_tide_m
	is_number(g)
	is_number(t)
	g >= t + flood_freeboard_m
} else := skip(w) if {
	w := all3([site_project, eq3(dget(["location", "flood_risk_zone"]), "high")])
	w != true
} else := verdict1(ge3(
	dget(["location", "design_ground_elev_m"]),
	plus3(dget(["location", "design_tide_m"]), flood_freeboard_m),
))

# KL81-3.3-ERO-01 (error): in a medium or high erosion zone, an erosion assessment is attached.
#   when site_project and location.erosion_zone in ["medium", "high"]
#   require location.erosion_assessment ?? false
ero_01 := "not_applicable" if site_project == false
else := "not_applicable" if { z := dossier.location.erosion_zone; is_string(z); not z in {"medium", "high"} }
else := "pass" if { site_project == true; dossier.location.erosion_zone in {"medium", "high"}; dossier.location.erosion_assessment == true }
else := skip(w) if {
	w := all3([site_project, in3(dget(["location", "erosion_zone"]), ["medium", "high"])])
	w != true
} else := verdict1(flag(dget(["location", "erosion_assessment"])))

# KL81-3.3-FLD-02 (warning): a climate scenario is named, and the ground clears the design tide after
# subsidence over the design life.
#   when site_project and location.flood_risk_zone in ["medium", "high"]
#   require (location.climate_scenario ?? "") != ""
#   require location.design_ground_elev_m - location.subsidence_mm_year * location.design_life_years / 1000 >=
#     location.design_tide_m
fld_02 := skip(w) if {
	w := all3([site_project, in3(dget(["location", "flood_risk_zone"]), ["medium", "high"])])
	w != true
} else := verdict([
	filled(dget(["location", "climate_scenario"])),
	ge3(
		sub3(
			dget(["location", "design_ground_elev_m"]),
			div3(mul3(dget(["location", "subsidence_mm_year"]), dget(["location", "design_life_years"])), 1000),
		),
		dget(["location", "design_tide_m"]),
	),
])

# KL81-3.3-ERO-02 (error): in a high erosion zone, works other than a revetment keep the setback.
#   when site_project and location.erosion_zone == "high" and not bank_protection_work
#     (bank_protection_work = eia.riverbank_protection_plan ?? false)
#   require location.distance_to_bank_m >= erosion_setback_m
ero_02 := skip(w) if {
	w := all3([
		site_project,
		eq3(dget(["location", "erosion_zone"]), "high"),
		not3(flag(dget(["eia", "riverbank_protection_plan"]))),
	])
	w != true
} else := verdict1(ge3(dget(["location", "distance_to_bank_m"]), erosion_setback_m))

# KL81-3.3-SUB-01 (error): groundwater abstraction needs an abstraction licence.
#   when water_user
#   require water_supply.groundwater_m3_day == 0 or (water_supply.groundwater_licence ?? "") != ""
sub_01 := skip(water_user) if water_user != true
else := verdict1(any3([
	eq3(dget(["water_supply", "groundwater_m3_day"]), 0),
	filled(dget(["water_supply", "groundwater_licence"])),
]))

# KL81-3.3-SAL-01 (warning): agriculture/aquaculture in a high salinity zone plans a salinity measure.
#   when classified and project.type == "agriculture_aquaculture" and location.salinity_risk == "high"
#   require any(it in plan.items ?? []:
#     any(m in it.climate.adaptation_measures ?? []: mentions(m, "mặn")))
sal_01 := skip(w) if {
	w := all3([
		classified,
		eq3(ptype, "agriculture_aquaculture"),
		eq3(dget(["location", "salinity_risk"]), "high"),
	])
	w != true
} else := verdict1(any_in(items, [item_mentions_salinity(it) | is_array(items); some it in items])) if {
	items := coalesce(plan_items, [])
}

# `any(x in c: body)`, given c and, when c is a list, the truth of body for each element.
any_in(c, truths) := any3(truths) if is_array(c)
else := null if c == null
else := inv

# any(m in it.climate.adaptation_measures ?? []: mentions(m, "mặn"))
item_mentions_salinity(it) := any_in(measures, truths) if {
	measures := coalesce(at(it, ["climate", "adaptation_measures"]), [])
	truths := [mentions3(m, "mặn", "man") | is_array(measures); some m in measures]
}

# KL81-3.3-RES-01 (error): households resettled from a high-risk area go to a site of low risk.
#   when site_project and resettlement.households > 0 and resettlement.from_high_risk_area
#   require resettlement.destination_risk in ["none", "low"]
res_01 := skip(w) if {
	w := all3([
		site_project,
		gt3(dget(["resettlement", "households"]), 0),
		tv(dget(["resettlement", "from_high_risk_area"])),
	])
	w != true
} else := verdict1(in3(dget(["resettlement", "destination_risk"]), ["none", "low"]))

# KL81-3.3-RES-02 (error): any resettlement cites an approved resettlement plan.
#   when site_project and resettlement.households > 0
#   require (resettlement.plan_ref ?? "") != ""
res_02 := skip(w) if {
	w := all3([site_project, gt3(dget(["resettlement", "households"]), 0)])
	w != true
} else := verdict1(filled(dget(["resettlement", "plan_ref"])))

# KL81-3.3-GHG-01 (error): operating facilities that must inventory greenhouse gases do.
#   when ghg_inventory_required
#   require ghg.inventory ?? false
ghg_01 := skip(ghg_inventory_required) if ghg_inventory_required != true
else := verdict1(flag(dget(["ghg", "inventory"])))

# KL81-3.3-GHG-02 (error): they have a reduction plan: a baseline year, a target, a measure.
#   when ghg_inventory_required
#   require exists(ghg.reduction_plan.baseline_year)
#   require exists(ghg.reduction_plan.target_pct)
#   require count(ghg.reduction_plan.measures ?? []) >= 1
ghg_02 := skip(ghg_inventory_required) if ghg_inventory_required != true
else := verdict([
	exists(dget(["ghg", "reduction_plan", "baseline_year"])),
	exists(dget(["ghg", "reduction_plan", "target_pct"])),
	nonempty(dget(["ghg", "reduction_plan", "measures"])),
])

# KL81-3.3-GHG-03 (warning): groups I and II estimate their greenhouse-gas emissions.
#   when group_I_II
#   require exists(ghg.est_tco2e_year)
ghg_03 := "not_applicable" if group_i_ii == false
else := "pass" if { group_i_ii == true; exists(dget(["ghg", "est_tco2e_year"])) == true }
else := skip(group_i_ii) if group_i_ii != true
else := verdict1(exists(dget(["ghg", "est_tco2e_year"])))

# KL81-3.3-WB-01 (error): no protected lake or canal is filled.
#   require count(land_use.fills_waterbody_ids ?? []) == 0
wb_01 := "pass" if dget(["land_use", "fills_waterbody_ids"]) in {null, []}
else := verdict1(not3(nonempty(dget(["land_use", "fills_waterbody_ids"]))))

# KL81-3.3-GHG-04 (warning): each item of a sector plan states its expected mitigation.
#   when kind == "sector_plan"
#   for each it in plan.items { require exists(it.climate.mitigation_tco2e_year) }
ghg_04 := skip(w) if {
	w := eq3(kind, "sector_plan")
	w != true
} else := o if { o := each_skip(plan_items) }
else := verdict([exists(at(it, ["climate", "mitigation_tco2e_year"])) | some it in plan_items])

# ---------------------------------------------------------------------------
# Item 3.4

# KL81-3.4-SAND-01 (error): once licensed, the sand-mining licence is shown and in force on the submission date.
#   when sand_dossier and licensed_stage
#   require (sand_mining.licence.no ?? "") != ""
#   require date(sand_mining.licence.expires_on) > date(submitted_on)
sand_01 := skip(w) if {
	w := all3([sand_dossier, licensed_stage])
	w != true
} else := verdict([
	filled(dget(["sand_mining", "licence", "no"])),
	gt3(date3(dget(["sand_mining", "licence", "expires_on"])), submitted),
])

# KL81-3.4-SAND-02 (error): the mining area is not in a banned zone nor in a high erosion zone.
#   when sand_dossier
#   require sand_mining.in_banned_zone == false
#   require location.erosion_zone != "high"
sand_02 := "not_applicable" if sand_dossier == false
else := "pass" if {
	sand_dossier == true
	dossier.sand_mining.in_banned_zone == false
	z := dossier.location.erosion_zone
	is_string(z)
	z != "high"
}
else := skip(sand_dossier) if sand_dossier != true
else := verdict([
	eq3(dget(["sand_mining", "in_banned_zone"]), false),
	ne3(dget(["location", "erosion_zone"]), "high"),
])

# KL81-3.4-SAND-03 (error): operating hours lie within 05:00-19:00.
#   when sand_dossier
#   require matches(sand_mining.operating_hours.start, "^([01][0-9]|2[0-3]):[0-5][0-9]$") and
#     matches(sand_mining.operating_hours.end, "^([01][0-9]|2[0-3]):[0-5][0-9]$") and
#     sand_mining.operating_hours.start >= sand_mining_hours_start and
#     sand_mining.operating_hours.end <= sand_mining_hours_end and
#     sand_mining.operating_hours.start < sand_mining.operating_hours.end
sand_03 := "not_applicable" if sand_dossier == false
else := skip(sand_dossier) if sand_dossier != true
else := verdict1(all3([
	matches3(start, `^([01][0-9]|2[0-3]):[0-5][0-9]$`),
	matches3(end, `^([01][0-9]|2[0-3]):[0-5][0-9]$`),
	ge3(start, sand_mining_hours_start),
	le3(end, sand_mining_hours_end),
	lt3(start, end),
])) if {
	start := dget(["sand_mining", "operating_hours", "start"])
	end := dget(["sand_mining", "operating_hours", "end"])
}

# KL81-3.4-SAND-04 (error): an erosion assessment and a bank-monitoring frequency are given.
#   when sand_dossier
#   require sand_mining.erosion_assessment ?? false
#   require (sand_mining.bank_monitoring_frequency ?? "") != ""
sand_04 := "not_applicable" if sand_dossier == false
else := "pass" if {
	sand_dossier == true
	dossier.sand_mining.erosion_assessment == true
	f := dossier.sand_mining.bank_monitoring_frequency
	is_string(f)
	f != ""
}
else := skip(sand_dossier) if sand_dossier != true
else := verdict([
	flag(dget(["sand_mining", "erosion_assessment"])),
	filled(dget(["sand_mining", "bank_monitoring_frequency"])),
])

# KL81-3.4-SAND-05 (error): once licensed, every vessel carries GPS tracking (one finding per vessel).
#   when sand_dossier and licensed_stage
#   for each v in sand_mining.vessels { require v.gps ?? false }
sand_05 := skip(w) if {
	w := all3([sand_dossier, licensed_stage])
	w != true
} else := o if { o := each_skip(vessels) }
else := "pass" if { every v in vessels { v.gps == true } }
else := verdict([flag(at(v, ["gps"])) | some v in vessels])

vessels := dget(["sand_mining", "vessels"])

# KL81-3.4-SAND-06 (error): once licensed, boundary markers are installed and the stockyard is licensed.
#   when sand_dossier and licensed_stage
#   require sand_mining.markers_installed ?? false
#   require (sand_mining.stockyard_port_licence ?? "") != ""
sand_06 := skip(w) if {
	w := all3([sand_dossier, licensed_stage])
	w != true
} else := verdict([
	flag(dget(["sand_mining", "markers_installed"])),
	filled(dget(["sand_mining", "stockyard_port_licence"])),
])

# KL81-3.4-SAND-07 (error): the yearly volume is within the reserve; once licensed, a restoration deposit is paid.
#   when sand_dossier
#   require sand_mining.volume_m3_year <= sand_mining.reserve_m3
#   require (sand_mining.restoration_deposit_vnd ?? 0) > 0 or not licensed_stage
sand_07 := skip(sand_dossier) if sand_dossier != true
else := verdict([
	le3(dget(["sand_mining", "volume_m3_year"]), dget(["sand_mining", "reserve_m3"])),
	any3([positive(dget(["sand_mining", "restoration_deposit_vnd"])), not3(licensed_stage)]),
])

# KL81-3.4-WAT-01 (error): wastewater discharged into water used for domestic supply meets column A.
#   when discharges_wastewater and not to_central_plant and wastewater.receiving_water.domestic_supply_use
#   require (wastewater.column ?? "") == "A"
wat_34_01 := skip(w) if {
	w := all3([
		discharges_wastewater,
		not3(to_central_plant),
		tv(dget(["wastewater", "receiving_water", "domestic_supply_use"])),
	])
	w != true
} else := verdict1(eq3(coalesce(dget(["wastewater", "column"]), ""), "A"))

# KL81-3.4-WAT-02 (error): surface water abstracted through the project's own intake is licensed.
#   when water_user
#   require water_supply.surface_m3_day == 0 or water_supply.surface_own_intake == false or
#     (water_supply.surface_licence ?? "") != ""
wat_34_02 := skip(water_user) if water_user != true
else := verdict1(any3([
	eq3(dget(["water_supply", "surface_m3_day"]), 0),
	eq3(dget(["water_supply", "surface_own_intake"]), false),
	filled(dget(["water_supply", "surface_licence"])),
]))

# KL81-3.4-DAT-01 (warning): operating group I and II projects transmit their monitoring data.
#   when group_I_II and operating
#   require (monitoring.data_link ?? "") != ""
dat_01 := skip(w) if {
	w := all3([group_i_ii, operating])
	w != true
} else := verdict1(filled(dget(["monitoring", "data_link"])))

# ---------------------------------------------------------------------------
# Item 3.5

# KL81-3.5-WW-01 (error): the treatment capacity covers the wastewater generated.
#   when discharges_wastewater
#   require wastewater.treatment.capacity_m3_day >= wastewater.generated_m3_day
ww_01 := skip(discharges_wastewater) if discharges_wastewater != true
else := "pass" if {
	c := dossier.wastewater.treatment.capacity_m3_day
	g := dossier.wastewater.generated_m3_day
	is_number(c)
	is_number(g)
	c >= g
} else := verdict1(ge3(
	dget(["wastewater", "treatment", "capacity_m3_day"]),
	dget(["wastewater", "generated_m3_day"]),
))

# KL81-3.5-WW-02 (error): a project in an industrial cluster or park is connected to the central plant.
#   when project.type in ["industrial_cluster", "industrial_park"] or
#     (project.type == "factory" and location.in_industrial_cluster)
#   require wastewater.treatment.central_plant_connected ?? false
ww_02 := "not_applicable" if { is_string(ptype); not ptype in {"industrial_cluster", "industrial_park", "factory"} }
else := "not_applicable" if { ptype == "factory"; dossier.location.in_industrial_cluster == false }
else := "pass" if {
	ptype in {"industrial_cluster", "industrial_park"}
	dossier.wastewater.treatment.central_plant_connected == true
} else := "pass" if {
	ptype == "factory"
	dossier.location.in_industrial_cluster == true
	dossier.wastewater.treatment.central_plant_connected == true
} else := skip(w) if {
	w := any3([
		in3(ptype, ["industrial_cluster", "industrial_park"]),
		all3([eq3(ptype, "factory"), tv(dget(["location", "in_industrial_cluster"]))]),
	])
	w != true
} else := verdict1(flag(dget(["wastewater", "treatment", "central_plant_connected"])))

# KL81-3.5-WW-03 (error, effective until 2025-09-01): industrial effluent not sent to a central plant is
# within Cmax = C × Kq × Kf of QCVN 40:2011/BTNMT (Cmax = C where k is false), one finding per parameter.
#   when industrial and not to_central_plant
#   for each p in qcvn40_2011_limits { require wastewater.effluent[p.key] <= qcvn40_2011_cmax(p) }
ww_03 := "not_applicable" if dossier_date >= qcvn40_2025_from
else := skip(w) if {
	w := all3([industrial, not3(to_central_plant)])
	w != true
} else := verdict([le3(dget(["wastewater", "effluent", p.key]), cmax(p, column)) |
	column := dget(["wastewater", "column"])
	some p in qcvn40_2011_limits
])

# def qcvn40_2011_cmax(p) = if p.k then round(p[wastewater.column] * wastewater.receiving_water.kq * wastewater.kf, 2)
#   else p[wastewater.column]
cmax(p, column) := round2(mul3(
	mul3(limit_for(p, column), dget(["wastewater", "receiving_water", "kq"])),
	dget(["wastewater", "kf"]),
)) if p.k == true
else := limit_for(p, column)

# p[column]: the limit of the column, absent unless the column (a string) is a
# key of p; invalid when the column failed the schema (an index that is invalid
# makes the element invalid).
limit_for(p, column) := object.get(p, column, null) if is_string(column)
else := inv if is_set(column)
else := null

# KL81-3.5-WW-04 (error, effective from 2025-09-01): industrial dossiers cite QCVN 40:2025/BTNMT.
#   when industrial and not to_central_plant
#   require mentions(wastewater.standard ?? "", qcvn40_2025)
ww_04 := "not_applicable" if dossier_date < qcvn40_2025_from
else := skip(w) if {
	w := all3([industrial, not3(to_central_plant)])
	w != true
} else := verdict1(mentions3(coalesce(dget(["wastewater", "standard"]), ""), qcvn40_2025, qcvn40_2025_folded))

# KL81-3.5-WW-05 (error): automatic continuous monitoring from 500 m³/day (polluting types) or 1,000 m³/day.
#   when discharges_wastewater and not to_central_plant and not monitoring_exempt_discharge and
#     discharge_m3_day >= auto_monitoring_polluting_m3_day and
#     (discharge_m3_day >= auto_monitoring_other_m3_day or project.polluting_type)
#   require wastewater.auto_monitoring ?? false
# monitoring_exempt_discharge = (wastewater.discharge_type ?? "process_domestic") in ["cooling_water", "aquaculture"]
ww_05 := skip(w) if {
	w := all3([
		discharges_wastewater,
		not3(to_central_plant),
		not3(in3(coalesce(dget(["wastewater", "discharge_type"]), "process_domestic"), ["cooling_water", "aquaculture"])),
		ge3(discharge_m3_day, auto_monitoring_polluting_m3_day),
		any3([ge3(discharge_m3_day, auto_monitoring_other_m3_day), tv(dget(["project", "polluting_type"]))]),
	])
	w != true
} else := verdict1(flag(dget(["wastewater", "auto_monitoring"])))

# KL81-3.5-WW-06 (warning, effective from 2025-09-01): industrial effluent is checked by hand against
# QCVN 40:2025/BTNMT, whose limits the pack leaves null (never a pass).
#   when industrial and not to_central_plant
#   require all(p in effluent_parameters: wastewater.effluent[p.key] <= qcvn40_2025_limit)
ww_06 := "not_applicable" if dossier_date < qcvn40_2025_from
else := skip(w) if {
	w := all3([industrial, not3(to_central_plant)])
	w != true
} else := verdict1(all3([le3(dget(["wastewater", "effluent", key]), null) | some key in effluent_parameters]))

# KL81-3.5-SW-01 (warning): domestic solid waste is sorted into recyclable, food and other.
#   when produces_solid_waste and solid_waste.domestic_kg_day > 0
#   require all(s in sorting_streams_required: contains(solid_waste.sorting_streams ?? [], s))
sw_01 := "not_applicable" if produces_solid_waste == false
else := "not_applicable" if { d := dossier.solid_waste.domestic_kg_day; is_number(d); d <= 0 }
else := skip(w) if {
	w := all3([produces_solid_waste, gt3(dget(["solid_waste", "domestic_kg_day"]), 0)])
	w != true
} else := verdict1(all3([contains3(streams, s) | some s in sorting_streams_required])) if {
	streams := coalesce(dget(["solid_waste", "sorting_streams"]), [])
}

# KL81-3.5-SW-02 (error): hazardous waste has a licensed handler.
#   when exceeds(produces_solid_waste, solid_waste.hazardous_kg_year, 0)
#   require (solid_waste.hazardous_handler_licence ?? "") != ""
sw_02 := skip(w) if {
	w := exceeds(produces_solid_waste, dget(["solid_waste", "hazardous_kg_year"]), 0)
	w != true
} else := verdict1(filled(dget(["solid_waste", "hazardous_handler_licence"])))

# KL81-3.5-SW-03 (warning): at most 30 % of the waste is landfilled.
#   when manages_waste
#   require solid_waste.shares_pct.landfill <= landfill_share_max_pct
sw_03 := skip(manages_waste) if manages_waste != true
else := verdict1(le3(dget(["solid_waste", "shares_pct", "landfill"]), landfill_share_max_pct))

# KL81-3.5-SW-04 (info): a plastic-waste reduction plan.
#   when produces_solid_waste
#   require solid_waste.plastic_reduction_plan ?? false
sw_04 := skip(produces_solid_waste) if produces_solid_waste != true
else := verdict1(flag(dget(["solid_waste", "plastic_reduction_plan"])))

# KL81-3.5-AIR-01 (error): an exhaust flow of 50 m³/h or more describes its treatment.
#   when emits_exhaust and emissions.flow_m3_h >= emissions_treatment_m3_h
#   require (emissions.treatment ?? "") != ""
air_01 := "not_applicable" if emits_exhaust == false
else := "not_applicable" if { f := dossier.emissions.flow_m3_h; is_number(f); f < emissions_treatment_m3_h }
else := skip(w) if {
	w := all3([emits_exhaust, ge3(dget(["emissions", "flow_m3_h"]), emissions_treatment_m3_h)])
	w != true
} else := verdict1(filled(dget(["emissions", "treatment"])))

# KL81-3.5-AIR-02 (warning): an operating plant's exhaust is checked by hand against the emission standard.
#   when emits_exhaust and operating and emissions.flow_m3_h >= emissions_treatment_m3_h
#   require all(p in exhaust_parameters: emissions.concentrations[p.key] <= air_emission_limit)
air_02 := skip(w) if {
	w := all3([emits_exhaust, operating, ge3(dget(["emissions", "flow_m3_h"]), emissions_treatment_m3_h)])
	w != true
} else := verdict1(all3([le3(dget(["emissions", "concentrations", key]), null) | some key in exhaust_parameters]))

# KL81-3.5-WAT-01 (error): residential and urban-development projects name their clean-water source.
#   when classified and project.type in ["residential", "urban_development"]
#   require (water_supply.source ?? "") != ""
wat_35_01 := skip(w) if {
	w := typed(["residential", "urban_development"])
	w != true
} else := verdict1(filled(dget(["water_supply", "source"])))

# ---------------------------------------------------------------------------
# Item 3.6

# KL81-3.6-CON-01 (error): the EIA records consultation with the commune and a meeting date.
#   when eia_required
#   require eia.consultation.commune_pc ?? false
#   require exists(eia.consultation.meeting_date)
con_01 := skip(eia_required) if eia_required != true
else := verdict([
	flag(dget(["eia", "consultation", "commune_pc"])),
	exists(dget(["eia", "consultation", "meeting_date"])),
])

# KL81-3.6-PRM-01 (error): where a permit is required, it has not expired on the reference date
# (pre-validation, as compared here: submitted_on).
#   when permit_required
#   require date(env_permit.expires_on) >= reference_date()
prm_36_01 := skip(permit_required) if permit_required != true
else := verdict1(ge3(date3(dget(["env_permit", "expires_on"])), submitted))

# KL81-3.6-MON-01 (warning): groups I and II monitor at least twice a year.
#   when group_I_II
#   require exists(monitoring.periodic_per_year)
#   require monitoring.periodic_per_year >= monitoring_min_per_year
mon_01 := skip(group_i_ii) if group_i_ii != true
else := verdict([
	exists(dget(["monitoring", "periodic_per_year"])),
	ge3(dget(["monitoring", "periodic_per_year"]), monitoring_min_per_year),
])

# KL81-3.6-HIS-01 (warning): no earlier violation is left unremedied (one finding per violation).
#   for each h in compliance_history ?? [] { require h.remedied == true }
history := coalesce(dget("compliance_history"), [])

his_01 := o if { o := each_skip(history) }
else := "pass" if { every h in history { h.remedied == true } }
else := verdict([eq3(at(h, ["remedied"]), true) | some h in history])

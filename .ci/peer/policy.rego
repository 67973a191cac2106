# The typical policy of .ci/peer/policy/*.rules in Rego v1, for the peer
# comparison (.ci/peer-compare.sh), evaluated by OPA and by regorus.
#
# Input: one dossier (the JSON object). Output: `result`, an object
#   {"fail": [rule ids], "missing": [rule ids]}
# (sorted): the rules whose outcome tuanthu's report gives as `fail`, and as
# `missing` (cannot tell: data absent, or a condition undecidable); every
# other rule passes or is not applicable. The ids are the policy's (P01-P25)
# and the ids of tuanthu's schema checks (tuanthu.schema.type, .enum, .date,
# .required, .unknown-key; tuanthu.invalid-date for the date field), which
# this file makes as well: tuanthu validates every dossier against the
# policy's `schema` before the rules run.
#
# Three-valued logic (Rules/README.md section 4) as tuanthu evaluates it:
#   - a field is read through its schema type: the value when it has that
#     type, null when it is absent or null (unknown: data missing), and `inv`
#     when it has another type, lies outside its enum or is not a date
#     (invalid: a value that failed the schema decides nothing);
#   - `and`/`or` are Kleene's, invalid beating unknown when neither side decides;
#   - a `when` that is false: not applicable; unknown or invalid: missing;
#   - a `require` that is true passes; false or invalid fails; unknown is missing;
#   - `for each`: one `require` per element; the rule fails if one fails, else
#     is missing if one is missing, else passes; an absent list is missing.
#   - `sum` of a list with an element of the wrong type is invalid (invalid
#     beating unknown), else with an element absent or null unknown (missing):
#     `sum`, `min`, `max` and `distinct` decide alike on their elements.
# Known differences:
#   - a path through a value that is not an object (the string "x" where
#     `project` is an object) reads as absent here and as invalid in tuanthu;
#     the corpus never has one;
#   (`count(distinct(xs[*].f))` with f absent from some elements is unknown
#   here and, since its fix, in tuanthu too.)
package peer

import rego.v1

# ---------------------------------------------------------------------------
# Three-valued helpers

# The invalid value (no JSON value is a set).
inv := {"!"}

num(x) := x if is_number(x) else := null if x == null else := inv

int(x) := x if { is_number(x); x == floor(x) } else := null if x == null else := inv

str(x) := x if is_string(x) else := null if x == null else := inv

boolean(x) := x if is_boolean(x) else := null if x == null else := inv

enm(x, values) := x if { is_string(x); x in values } else := null if x == null else := inv

list(x) := x if is_array(x) else := null if x == null else := inv

# Whether the list holds x; whether it holds an invalid value. (Counted with
# comprehensions: the regorus RVM compiler makes a function undefined when an
# else-branch body like `{ some x in xs; x == v }` fails, instead of going on.)
has(xs, v) if count([x | some x in xs; x == v]) > 0

has_inv(xs) if count([x | some x in xs; is_set(x)]) > 0

all3(xs) := false if has(xs, false)
else := true if count([x | some x in xs; x != true]) == 0
else := inv if has_inv(xs)
else := null

any3(xs) := true if has(xs, true)
else := false if count([x | some x in xs; x != false]) == 0
else := inv if has_inv(xs)
else := null

# A comparison of two numbers (dates are numbers below): invalid beats unknown.
cmp3(op, a, b) := cmp(op, a, b) if { is_number(a); is_number(b) }
else := inv if is_set(a)
else := inv if is_set(b)
else := null

cmp("<", a, b) := a < b

cmp("<=", a, b) := a <= b

cmp(">", a, b) := a > b

cmp(">=", a, b) := a >= b

cmp("==", a, b) := a == b

# `x == s` for a string literal s, x read through its schema type.
eq3(x, s) := x == s if is_string(x) else := x

in3(x, values) := x in values if is_string(x) else := x

# `sum` of a list of numbers: invalid with an element of the wrong type,
# else unknown with an element absent or null.
sum3(xs) := inv if is_set(xs)
else := null if xs == null
else := inv if has_inv(xs)
else := null if count([x | some x in xs; not is_number(x)]) > 0
else := sum(xs)

count3(xs) := count(xs) if is_array(xs) else := xs

# `count(distinct(xs))` of a list of strings.
distinct_count3(xs) := inv if is_set(xs)
else := null if xs == null
else := inv if has_inv(xs)
else := null if has(xs, null)
else := count({x | some x in xs})

full3(s, re) := regex.match(re, s) if is_string(s) else := s

# ---------------------------------------------------------------------------
# Dates: `YYYY-MM-DD` or `DD/MM/YYYY`, a real calendar date; as a number that
# orders like the date (y*512 + m*32 + d).

date(x) := civil(y, m, d) if {
	is_string(x)
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, x)
	y := digits(substring(x, 0, 4))
	m := digits(substring(x, 5, 2))
	d := digits(substring(x, 8, 2))
} else := civil(y, m, d) if {
	is_string(x)
	regex.match(`^[0-9]{2}/[0-9]{2}/[0-9]{4}$`, x)
	y := digits(substring(x, 6, 4))
	m := digits(substring(x, 3, 2))
	d := digits(substring(x, 0, 2))
} else := null if x == null
else := inv

# A string of ASCII digits as a number: "1" is put in front, for regorus's
# to_number refuses a leading zero ("08").
digits(s) := to_number(concat("", ["1", s])) - ten_to[count(s)]

ten_to := [1, 10, 100, 1000, 10000]

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

# Days since 1970-01-01 of a date number.
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

days3(a, b) := day_number(b) - day_number(a) if { is_number(a); is_number(b) }
else := inv if is_set(a)
else := inv if is_set(b)
else := null

# ---------------------------------------------------------------------------
# The dossier, read through the schema

get(path) := object.get(input, path, null)

types := {"road", "school", "hospital", "irrigation", "housing", "market"}

groups := {"A", "B", "C"}

roles := {"main", "sub", "supervisor"}

sources := {"state", "local", "private", "oda"}

submitted := date(get("submitted_on"))

group := enm(get(["project", "group"]), groups)

ptype := enm(get(["project", "type"]), types)

start := date(get(["project", "start_on"]))

end := date(get(["project", "end_on"]))

area := num(get(["project", "area_ha"]))

total := int(get(["budget", "total_million_vnd"]))

share := num(get(["budget", "state_share_pct"]))

lines := list(get(["budget", "lines"]))

contractors := list(get("contractors"))

milestones := list(get("milestones"))

# The elements of a list, none when it is not one.
elems(xs) := xs if is_array(xs) else := []

# `xs[*].f`, each read as type t; unknown or invalid when the list is.
field(xs, f, t) := [read(t, object.get(x, f, null)) | some x in xs] if is_array(xs) else := xs

read("int", x) := int(x)

read("num", x) := num(x)

read("str", x) := str(x)

# A quantifier's answer over xs: unknown or invalid when the list is.
over(xs, answer) := answer if is_array(xs) else := xs

# `count(x in xs: c)`: the elements for which c is true.
count_where(xs, ts) := xs if not is_array(xs)
else := inv if has_inv(ts)
else := null if has(ts, null)
else := count([t | some t in ts; t == true])

len3(s) := count(s) if is_string(s) else := s

exists3(x) := x if is_set(x) else := x != null

mul3(a, k) := a * k if is_number(a) else := a

# ---------------------------------------------------------------------------
# Outcomes

# A rule with a `when` (true when it has none) and one `require`.
rule(w, r) := "not_applicable" if w == false
else := "missing" if w != true
else := "pass" if r == true
else := "missing" if r == null
else := "fail"

# A `for each`: the list and each element's `require`.
each(xs, ts) := "missing" if xs == null
else := "fail" if not is_array(xs)
else := "fail" if count([t | some t in ts; t != true; t != null]) > 0
else := "missing" if has(ts, null)
else := "pass"

communes := {
	"phường Ninh Kiều", "phường Cái Khế", "phường Tân An", "phường An Bình", "phường Thới An Đông",
	"phường Bình Thủy", "phường Long Tuyền", "phường Cái Răng", "phường Hưng Phú", "phường Ô Môn",
	"phường Phước Thới", "phường Thới Long", "phường Trung Nhứt", "phường Thuận Hưng", "phường Thốt Nốt",
	"xã Phong Điền", "xã Nhơn Ái", "xã Trường Long", "xã Thới Lai", "xã Đông Thuận",
	"xã Cờ Đỏ", "xã Đông Hiệp", "xã Trung Hưng", "xã Vĩnh Thạnh", "xã Thạnh An",
}

# The rules. The list rules begin with a fast branch written with builtins
# only (no function call per element), a sufficient condition for their usual
# answer with well-typed data; the general three-valued branch follows.

needs_eia := all3([in3(ptype, {"road", "irrigation"}), cmp3(">=", area, 50)])

email := str(get(["investor", "email"]))

p01 := rule(true, full3(str(get("id")), `^DA-[0-9]{4}-[0-9]{5}$`))

p02 := rule(true, full3(str(get(["investor", "tax_code"])), `^[0-9]{10}([0-9]{3})?$`))

p03 := rule(eq3(group, "C"), cmp3("<", total, 45000))

p04 := rule(eq3(ptype, "housing"), cmp3("<=", area, 50))

p05 := "pass" if {
	t := input.budget.total_million_vnd
	is_number(t)
	t == floor(t)
	ls := input.budget.lines
	is_array(ls)
	amounts := [a | some l in ls; a := l.amount_million_vnd; is_number(a); a == floor(a)]
	count(amounts) == count(ls)
	sum(amounts) == t
}

else := rule(true, cmp3("==", sum3(field(lines, "amount_million_vnd", "int")), total))

p06 := "pass" if {
	ls := input.budget.lines
	is_array(ls)
	codes := [c | some l in ls; c := l.code; is_string(c)]
	count(codes) == count(ls)
	count({c | some c in codes}) == count(ls)
}

else := rule(true, cmp3("==", distinct_count3(field(lines, "code", "str")), count3(lines)))

p07 := rule(true, cmp3(">", end, start))

p08 := rule(true, cmp3(">=", days3(submitted, start), 30))

p09 := rule(true, all3([cmp3(">=", share, 0), cmp3("<=", share, 100)]))

p10 := "pass" if {
	is_number(submitted)
	cs := input.contractors
	is_array(cs)
	every c in cs {
		d := date(c.licence_expires_on)
		is_number(d)
		d >= submitted
	}
}

else := each(contractors, [cmp3(">=", date(object.get(c, "licence_expires_on", null)), submitted) | some c in elems(contractors)])

p11 := rule(true, in3(str(get(["project", "commune"])), communes))

p12 := "pass" if {
	ms := input.milestones
	is_array(ms)
	ws := [w | some m in ms; w := m.weight_pct; is_number(w)]
	count(ws) == count(ms)
	sum(ws) == 100
}

else := rule(true, cmp3("==", sum3(field(milestones, "weight_pct", "num")), 100))

p13 := "pass" if {
	is_number(start)
	is_number(end)
	ms := input.milestones
	is_array(ms)
	every m in ms {
		d := date(m.due_on)
		is_number(d)
		d >= start
		d <= end
	}
}

else := each(milestones, [all3([cmp3(">=", d, start), cmp3("<=", d, end)]) |
	some m in elems(milestones)
	d := date(object.get(m, "due_on", null))
])

p14 := rule(eq3(group, "A"), cmp3("<=", date(get(["approvals", "feasibility_on"])), submitted))

p15 := rule(needs_eia, cmp3("<=", date(get(["approvals", "eia_on"])), submitted))

p16 := "pass" if {
	cs := input.contractors
	is_array(cs)
	every c in cs {
		c.role in roles
	}
	count([c | some c in cs; c.role == "main"]) == 1
}

else := rule(true, cmp3("==", count_where(contractors, [eq3(enm(object.get(c, "role", null), roles), "main") | some c in elems(contractors)]), 1))

p17 := "not_applicable" if input.project.group == "C"

else := "pass" if {
	input.project.group in {"A", "B"}
	cs := input.contractors
	is_array(cs)
	count([c | some c in cs; c.role == "supervisor"]) > 0
}

else := rule(in3(group, {"A", "B"}), over(contractors, any3([eq3(enm(object.get(c, "role", null), roles), "supervisor") | some c in elems(contractors)])))

p18 := rule(cmp3(">=", total, 100000), eq_true(boolean(get(["staff", "safety_officer"]))))

p19 := rule(true, cmp3(">=", mul3(int(get(["staff", "engineers"])), 50000), total))

p20 := "pass" if {
	ls := input.budget.lines
	is_array(ls)
	every l in ls {
		a := l.amount_million_vnd
		is_number(a)
		a == floor(a)
		a > 0
	}
}

else := each(lines, [cmp3(">", int(object.get(l, "amount_million_vnd", null)), 0) | some l in elems(lines)])

p21 := "not_applicable" if {
	ls := input.budget.lines
	is_array(ls)
	every l in ls {
		l.source in {"state", "local", "private"}
	}
}

else := "pass" if {
	ls := input.budget.lines
	is_array(ls)
	count([l | some l in ls; l.source == "oda"]) > 0
	s := input.budget.state_share_pct
	is_number(s)
	s >= 10
}

else := rule(over(lines, any3([eq3(enm(object.get(l, "source", null), sources), "oda") | some l in elems(lines)])), cmp3(">=", share, 10))

p22 := rule(true, all3([cmp3(">=", len3(str(get(["project", "name"]))), 12), cmp3("<=", len3(str(get(["project", "name"]))), 200)]))

p23 := "pass" if {
	cs := input.contractors
	is_array(cs)
	codes := [c | some x in cs; c := x.tax_code; is_string(c)]
	count(codes) == count(cs)
	count({c | some c in codes}) == count(cs)
}

else := rule(true, cmp3("==", distinct_count3(field(contractors, "tax_code", "str")), count3(contractors)))

p24 := rule(exists3(email), full3(email, `^[^@ ]+@[^@ ]+\.[a-z]+$`))

p25 := rule(in3(group, {"A", "B"}), cmp3(">=", count3(milestones), 3))

eq_true(x) := x == true if is_boolean(x) else := x

# ---------------------------------------------------------------------------
# Schema validation (the policy's `schema`): the pattern of each path (list
# indexes as "*") and its type; the required keys of each object. (Tables are
# read with object.get, not table[key]: regorus 0.13 refuses some `table[k]`
# with a `k` bound in the same body, "var used before definition".)

schema := {
	"": "object", "id": "string", "kind": "enum", "submitted_on": "date",
	"project": "object", "project.name": "string", "project.type": "enum", "project.group": "enum",
	"project.commune": "string", "project.start_on": "date", "project.end_on": "date", "project.area_ha": "number",
	"project.description": "string",
	"investor": "object", "investor.name": "string", "investor.tax_code": "string", "investor.email": "string",
	"budget": "object", "budget.total_million_vnd": "integer", "budget.state_share_pct": "number",
	"budget.lines": "array", "budget.lines.*": "object", "budget.lines.*.code": "string", "budget.lines.*.title": "string",
	"budget.lines.*.amount_million_vnd": "integer", "budget.lines.*.source": "enum",
	"contractors": "array", "contractors.*": "object", "contractors.*.name": "string", "contractors.*.tax_code": "string",
	"contractors.*.role": "enum", "contractors.*.licence_expires_on": "date",
	"milestones": "array", "milestones.*": "object", "milestones.*.code": "string", "milestones.*.title": "string",
	"milestones.*.due_on": "date", "milestones.*.weight_pct": "number",
	"approvals": "object", "approvals.feasibility_on": "date", "approvals.eia_on": "date",
	"staff": "object", "staff.engineers": "integer", "staff.safety_officer": "bool",
	"notes": "array", "notes.*": "string",
}

enum_values := {
	"kind": {"new_build", "renovation", "maintenance"}, "project.type": types, "project.group": groups,
	"budget.lines.*.source": sources, "contractors.*.role": roles,
}

required_keys := {
	"": ["id", "kind", "submitted_on", "project", "investor", "budget", "contractors", "milestones", "approvals", "staff"],
	"project": ["name", "type", "group", "commune", "start_on", "end_on", "area_ha"],
	"investor": ["name", "tax_code"],
	"budget": ["total_million_vnd", "state_share_pct", "lines"],
	"budget.lines.*": ["code", "title", "amount_million_vnd", "source"],
	"contractors.*": ["name", "tax_code", "role", "licence_expires_on"],
	"milestones.*": ["code", "title", "due_on", "weight_pct"],
	"staff": ["engineers", "safety_officer"],
}

join("", k) := k

join(p, k) := concat(".", [p, k]) if p != ""

# The JSON type (type_name) of each schema type.
json_type := {
	"object": "object", "array": "array", "string": "string", "enum": "string", "date": "string",
	"number": "number", "integer": "number", "bool": "boolean",
}

# The objects the schema declares, each with its pattern: the dossier, its
# object fields and the elements of its lists of objects. (Listed, not found
# with `walk`: the regorus RVM compiler does not take walk.)
object_fields := ["project", "investor", "budget", "approvals", "staff"]

list_fields := {"budget.lines": lines_raw, "contractors": get("contractors"), "milestones": get("milestones"), "notes": get("notes")}

lines_raw := get(["budget", "lines"])

schema_objects := array.concat(
	array.concat([["", input]], [[k, v] | some k in object_fields; v := object.get(input, k, null); is_object(v)]),
	[[join(k, "*"), x] | some k, xs in list_fields; is_array(xs); some x in xs; is_object(x)],
)

# Every value of a declared object, and every element of a declared list, with its pattern.
schema_values := array.concat(
	[[join(o[0], k), v] | some o in schema_objects; some k, v in o[1]],
	[[join(k, "*"), x] | some k, xs in list_fields; is_array(xs); some x in xs],
)

# What validation finds at each value: "type", "enum", "date", "unknown-key"
# or "ok". (One pass with type_name: the regorus RVM stops an evaluation after
# 25,000 instructions, and four passes with a function per type went over.)
value_check(where, t, v) := "unknown-key" if t == ""

else := "ok" if v == null

else := "type" if type_name(v) != json_type[t]

else := "type" if { t == "integer"; v != floor(v) }

else := "enum" if { t == "enum"; not v in object.get(enum_values, where, set()) }

else := "date" if { t == "date"; where != "submitted_on"; is_set(date(v)) } # the date field: tuanthu.invalid-date

else := "ok"

schema_findings := {value_check(pv[0], object.get(schema, pv[0], ""), pv[1]) | some pv in schema_values}

schema_required contains where if {
	some o in schema_objects
	some k in object.get(required_keys, o[0], [])
	object.get(o[1], k, null) == null
	where := join(o[0], k)
}

# `required when`: absent while the condition is true or cannot be decided
# (missing data: a missing finding; an invalid value: an invalid one).
required_when_missing contains "approvals.feasibility_on" if {
	undecided_or_true(eq3(group, "A")) == "missing"
	absent_approval("feasibility_on")
}

required_when_missing contains "approvals.eia_on" if {
	undecided_or_true(needs_eia) == "missing"
	absent_approval("eia_on")
}

schema_required_invalid contains "approvals.feasibility_on" if {
	undecided_or_true(eq3(group, "A")) == "invalid"
	absent_approval("feasibility_on")
}

schema_required_invalid contains "approvals.eia_on" if {
	undecided_or_true(needs_eia) == "invalid"
	absent_approval("eia_on")
}

undecided_or_true(cond) := "invalid" if is_set(cond)
else := "missing" if cond != false

absent_approval(key) if {
	is_object(input.approvals)
	object.get(input.approvals, key, null) == null
}

# Fast path: a dossier that meets the schema, checked with builtins only (no
# function call per value), needs none of the passes above; each of them is
# taken only when this fails. It is a sufficient condition for "no schema
# finding": same types, enums, dates, required keys and no unknown key.
# `fields` is `schema` by object (a literal: a comprehension would be
# recomputed for every dossier).
fields := {
	"": {"approvals": "object", "budget": "object", "contractors": "array", "id": "string", "investor": "object", "kind": "enum", "milestones": "array", "notes": "array", "project": "object", "staff": "object", "submitted_on": "date"},
	"project": {"area_ha": "number", "commune": "string", "description": "string", "end_on": "date", "group": "enum", "name": "string", "start_on": "date", "type": "enum"},
	"investor": {"email": "string", "name": "string", "tax_code": "string"},
	"budget": {"lines": "array", "state_share_pct": "number", "total_million_vnd": "integer"},
	"approvals": {"eia_on": "date", "feasibility_on": "date"},
	"staff": {"engineers": "integer", "safety_officer": "bool"},
	"budget.lines.*": {"amount_million_vnd": "integer", "code": "string", "source": "enum", "title": "string"},
	"contractors.*": {"licence_expires_on": "date", "name": "string", "role": "enum", "tax_code": "string"},
	"milestones.*": {"code": "string", "due_on": "date", "title": "string", "weight_pct": "number"},
}

object_ok(o, pat) if {
	is_object(o)
	fs := fields[pat]
	every k, v in o {
		type_name(v) == json_type[fs[k]]
	}
	every k in object.get(required_keys, pat, []) {
		o[k] != null
	}
}

schema_clean if {
	object_ok(input, "")
	object_ok(input.project, "project")
	object_ok(input.investor, "investor")
	object_ok(input.budget, "budget")
	object_ok(input.approvals, "approvals")
	object_ok(input.staff, "staff")
	every l in input.budget.lines {
		count(l) == 4 # the four declared keys, each of its type, and no other
		is_string(l.code)
		is_string(l.title)
		is_number(l.amount_million_vnd)
		l.amount_million_vnd == floor(l.amount_million_vnd)
		l.source in sources
	}
	every c in input.contractors {
		count(c) == 4
		is_string(c.name)
		is_string(c.tax_code)
		c.role in roles
		is_number(date(c.licence_expires_on))
	}
	every m in input.milestones {
		count(m) == 4
		is_string(m.code)
		is_string(m.title)
		is_number(date(m.due_on))
		is_number(m.weight_pct)
	}
	every x in object.get(input, "notes", []) {
		is_string(x)
	}
	input.kind in enum_values.kind
	input.project.type in types
	input.project.group in groups
	is_number(submitted)
	is_number(start)
	is_number(end)
	every _, d in input.approvals {
		is_number(date(d))
	}
	input.budget.total_million_vnd == floor(input.budget.total_million_vnd)
	input.staff.engineers == floor(input.staff.engineers)
	count(schema_required_when) == 0
}

schema_required_when := schema_required_invalid | required_when_missing

schema_type_outcome := "pass" if schema_clean else := "fail" if "type" in schema_findings else := "pass"

schema_enum_outcome := "pass" if schema_clean else := "fail" if "enum" in schema_findings else := "pass"

schema_date_outcome := "pass" if schema_clean else := "fail" if "date" in schema_findings else := "pass"

schema_unknown_key_outcome := "pass" if schema_clean else := "fail" if "unknown-key" in schema_findings else := "pass"

schema_required_outcome := "pass" if schema_clean
else := "fail" if count(schema_required_invalid) > 0
else := "missing" if count(schema_required | required_when_missing) > 0
else := "pass"

# The dossier's date field (`date_field submitted_on`) that is a string but no date.
invalid_date_outcome := "fail" if {
	is_string(input.submitted_on)
	is_set(submitted)
} else := "pass"

# Every rule's outcome. (Objects, not `outcomes["P01"] := …` rules: the
# regorus RVM compiler does not take partial object rules with constant keys.)
rule_outcomes := {
	"P01": p01,
	"P02": p02,
	"P03": p03,
	"P04": p04,
	"P05": p05,
	"P06": p06,
	"P07": p07,
	"P08": p08,
	"P09": p09,
	"P10": p10,
	"P11": p11,
	"P12": p12,
	"P13": p13,
	"P14": p14,
	"P15": p15,
	"P16": p16,
	"P17": p17,
	"P18": p18,
	"P19": p19,
	"P20": p20,
	"P21": p21,
	"P22": p22,
	"P23": p23,
	"P24": p24,
	"P25": p25,
}

schema_outcomes := {
	"tuanthu.schema.type": schema_type_outcome,
	"tuanthu.schema.enum": schema_enum_outcome,
	"tuanthu.schema.date": schema_date_outcome,
	"tuanthu.schema.unknown-key": schema_unknown_key_outcome,
	"tuanthu.schema.required": schema_required_outcome,
	"tuanthu.invalid-date": invalid_date_outcome,
}

outcomes := object.union(rule_outcomes, schema_outcomes)

result := {
	"fail": sort([id | some id, o in outcomes; o == "fail"]),
	"missing": sort([id | some id, o in outcomes; o == "missing"]),
}

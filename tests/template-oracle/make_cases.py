#!/usr/bin/env python3
"""Writes Tests/HelmTests/Template/Oracle/cases.json: template snippets with values, checked
against the real Helm engine by oracle.py. Edit the list here, then run both scripts."""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "HelmTests", "Template", "Oracle", "cases.json")

YAML_VALUES = {
    "str": "plain", "empty": "", "t": "true", "yes": "yes", "on": "on", "n": "n", "num": "1.0", "int": "12",
    "oct": "0777", "hex": "0x1F", "date": "2024-01-02", "colon": "a: b", "hash": "a #b", "lead": " x", "trail": "x ",
    "dash": "- x", "dash2": "-x", "star": "*x", "amp": "&x", "bang": "!x", "q": "'q'", "dq": "\"dq\"", "pct": "%x",
    "at": "@x", "tick": "`x", "brace": "{x}", "bracket": "[x]", "comma": "a,b", "qm": "? x", "colonend": "x:",
    "tilde": "~", "null": "null", "Null": "Null", "dots": "...", "dashes": "---x", "tab": "a\tb", "multi": "a\nb",
    "multinl": "a\nb\n", "multi2nl": "a\n\n", "leadnl": "\nx", "leadspace_multi": " a\nb", "trailspace_multi": "a \nb",
    "unicode": "ünï", "emoji": "\U0001F600", "nbsp": "a\u00a0b", "float": 0.5, "big": 1000000, "bigger": 1e21,
    "small": 0.00001, "neg": -3, "negf": -2.5, "zero": 0, "bool": True, "nil": None, "list": [], "map": {},
    "nested": {"b": [1, {"c": "d", "a": [[1, 2], []]}], "a": {}}, "keys": {"a10": 1, "a9": 2, "b": 3, "A": 4, "_": 5,
    "1": 6, "10": 7, "2": 8, "a01": 9, "a1": 10, "ä": 11, "Z": 12, "z-1": 13, "z_1": 14},
    "keysq": {"true": 1, "": 2, "a b": 3, "- x": 4, "x: y": 5, "multi\nline": 6},
    "seq_of_maps": [{"name": "a", "value": 1}, {"name": "b"}], "e60": "1:30", "sci": "1e3", "inf": ".inf",
    "plus": "+1", "under": "1_000", "bin": "0b101", "dotnum": ".5", "v": "v1.2", "y": "y", "ON": "ON",
}

CASES = [
    ("toyaml-all", "{{ toYaml .Values }}", YAML_VALUES),
    ("toyaml-scalars", "{{ toYaml .Values.s }}|{{ toYaml .Values.n }}|{{ toYaml .Values.f }}|{{ toYaml .Values.nil }}|{{ toYaml .Values.l }}",
     {"s": "x", "n": 3, "f": 1.25, "nil": None, "l": ["a", "true", 2]}),
    ("toyaml-top-multi", "{{ toYaml .Values.m }}", {"m": "line1\nline2\n"}),
    ("toyaml-nindent", "spec:\n  {{- toYaml .Values.r | nindent 2 }}", {"r": {"limits": {"cpu": "1", "memory": "1Gi"}, "requests": {"cpu": 0.5}}}),
    ("tojson", "{{ toJson .Values }}", {"html": "<a&b>", "f": 1000000, "g": 0.1, "h": 1e21, "i": 1e-7, "l": [1, "x", None, True], "m": {"b": 1, "a": 2}}),
    ("toprettyjson", "{{ toPrettyJson .Values }}", {"a": [1, {"b": 2}], "c": {}}),
    ("torawjson", "{{ toRawJson .Values }}", {"html": "<a&b>"}),
    ("fromyaml", "{{ $m := fromYaml .Values.y }}{{ toJson $m }}", {"y": "a: 1\nb: yes\nc: on\nd: ~\ne: 0x10\nf: 1.5\ng: 2024-01-02\nh: '1'\ni: [1, two]\nj: 1e3\n1: int key\ntrue: bool key\nk: 0777\nl: 08\nm: +5\n"}),
    ("fromyaml-error", "{{ $m := fromYaml .Values.y }}{{ $m.Error }}", {"y": "a: b: c"}),
    ("fromyaml-list", "{{ $m := fromYaml .Values.y }}{{ $m.Error }}", {"y": "- a\n- b"}),
    ("fromyamlarray", "{{ fromYamlArray .Values.y | toJson }}", {"y": "- a\n- 2\n- {x: 1}"}),
    ("fromjson", "{{ fromJson .Values.j | toJson }}|{{ (fromJson \"[1]\").Error }}", {"j": "{\"a\": 1, \"b\": [true, null]}"}),
    ("print-floats", "{{ .Values.a }} {{ .Values.b }} {{ .Values.c }} {{ .Values.d }} {{ .Values.e }} {{ .Values.f }} {{ .Values.g }}",
     {"a": 2, "b": 0.5, "c": 1000000, "d": 123456, "e": 1e21, "f": 0.0001, "g": 1.5e-5}),
    ("print-structures", "{{ .Values.m }} {{ .Values.l }} {{ .Values.n }}", {"m": {"b": [1, "x"], "a": {"c": None}}, "l": [], "n": None}),
    ("printf-verbs", "{{ printf \"%v|%s|%d|%q|%5.2f|%-4s|%04d|%x|%t|%T|%T\" .Values.f .Values.s 3 .Values.s 3.14159 \"ab\" 7 255 true .Values.f .Values.m }}",
     {"f": 2, "s": "str", "m": {}}),
    ("printf-bad", "{{ printf \"%d %s %d\" .Values.f 5 }}", {"f": 2}),
    ("printf-extra", "{{ printf \"%s\" \"a\" \"b\" }}", {}),
    ("printf-g", "{{ printf \"%g %e %.3g %G %8.3e\" 1000000.0 123.456 0.00012345 1e-10 12345.678 }}", {}),
    ("eq-mixed", "{{ eq .Values.a 2 }}", {"a": 2}),
    ("eq-float", "{{ eq .Values.a 2.0 }} {{ eq .Values.s \"x\" \"y\" }} {{ ne .Values.s \"y\" }}", {"a": 2, "s": "y"}),
    ("lt-mixed", "{{ lt .Values.a 3 }}", {"a": 2}),
    ("lt-nil", "{{ lt .Values.missing 3 }}", {}),
    ("gt-int", "{{ gt (int .Values.a) 1 }} {{ le (len .Values.l) 2 }}", {"a": 2, "l": [1, 2]}),
    ("nil-field", "{{ .Values.a.b.c }}", {}),
    ("field-on-string", "{{ .Values.a.b }}", {"a": "s"}),
    ("missing-prints", "[{{ .Values.missing }}] [{{ .Values.nil }}] [{{ print .Values.missing }}] [{{ .Values.missing | quote }}]", {"nil": None}),
    ("default-kinds", "{{ default \"d\" .Values.a }} {{ default \"d\" .Values.b }} {{ default \"d\" .Values.c }} {{ default \"d\" .Values.e }} {{ default 3 .Values.z }}",
     {"a": False, "b": 0, "c": [], "e": "v", "z": 0}),
    ("wrong-type-arg", "{{ trunc 3 .Values.n }}", {"n": 12345}),
    ("wrong-type-nil", "{{ trunc 3 .Values.missing }}", {}),
    ("wrong-type-pipe-nil", "{{ .Values.missing | trunc 3 }}", {}),
    ("wrong-type-literal", "{{ upper 3 }}", {}),
    ("int-conv", "{{ int .Values.a }} {{ int .Values.b }} {{ int .Values.c }} {{ int .Values.d }} {{ int64 .Values.e }} {{ int .Values.f }} {{ float64 .Values.g }}",
     {"a": "42", "b": "4.0", "c": "two", "d": 3.9, "e": "0x10", "f": True, "g": "1e3"}),
    ("strings", "{{ title \"hello wide-world o'neil\" }}|{{ untitle \"Hello World\" }}|{{ snakecase \"HTTPServerURL2Go\" }}|{{ camelcase \"http_server_id\" }}|{{ kebabcase \"MyHTTPThing\" }}|{{ swapcase \"Hello World\" }}",
     {}),
    ("strings2", "{{ abbrev 5 \"hello world\" }}|{{ abbrevboth 5 10 \"1234 5678 9123\" }}|{{ wrap 10 \"the quick brown fox jumps over\" }}|{{ wrapWith 5 \"\\t\" \"Hello World\" }}|{{ initials \"First Try\" }}|{{ substr 0 3 \"hello\" }}|{{ substr 2 -1 \"hello\" }}",
     {}),
    ("quote", "{{ quote .Values.s .Values.n .Values.b .Values.missing \"é\\u0001\" }}|{{ squote .Values.n }}|{{ cat .Values.s nil .Values.n }}", {"s": "a\"b", "n": 1.5, "b": True}),
    ("split", "{{ split \",\" \"a,b,,c\" }}|{{ splitList \",\" \"\" }}|{{ splitn \",\" 2 \"a,b,c\" }}|{{ join \",\" .Values.l }}", {"l": ["a", 1, None, True]}),
    ("lists", "{{ first .Values.l }}|{{ rest .Values.l }}|{{ last .Values.l }}|{{ initial .Values.l }}|{{ uniq .Values.d }}|{{ compact .Values.c }}|{{ has \"b\" .Values.l }}|{{ without .Values.l \"a\" }}",
     {"l": ["a", "b", "c"], "d": [1, 1, 2], "c": ["", "x", 0, None]}),
    ("lists-empty", "{{ first .Values.e }}|{{ rest .Values.e }}|{{ last .Values.e }}", {"e": []}),
    ("dicts", "{{ $d := dict \"a\" 1 \"b\" (list 1 2) }}{{ $_ := set $d \"c\" 3 }}{{ $d }}|{{ keys $d | sortAlpha }}|{{ pick $d \"a\" }}|{{ omit $d \"a\" }}|{{ get $d \"zz\" }}|{{ hasKey $d \"c\" }}",
     {}),
    ("merge", "{{ merge (dict \"a\" 1 \"n\" (dict \"x\" 1)) (dict \"a\" 2 \"b\" 3 \"n\" (dict \"x\" 2 \"y\" 3)) }}|{{ mergeOverwrite (dict \"a\" 1 \"n\" (dict \"x\" 1) \"l\" (list 1)) (dict \"a\" 2 \"n\" (dict \"y\" 3) \"l\" (list 2 3) \"z\" false) }}",
     {}),
    ("merge-empty-values", "{{ merge (dict \"a\" \"\" \"b\" false \"c\" 0) (dict \"a\" \"x\" \"b\" true \"c\" 5) }}|{{ mergeOverwrite (dict \"a\" \"x\") (dict \"a\" \"\") }}|{{ mergeOverwrite (dict \"a\" \"x\") (dict \"a\" nil) }}", {}),
    ("math", "{{ add 1 2 .Values.f }}|{{ sub .Values.f 1 }}|{{ mul 2 .Values.f }}|{{ div 7 2 }}|{{ mod -7 3 }}|{{ max 1 .Values.f 3 }}|{{ min 5 .Values.f }}|{{ add1 .Values.f }}|{{ round 2.5 0 }}|{{ round -2.5 0 }}|{{ floor -1.5 }}|{{ ceil 1.1 }}|{{ addf 1 0.5 }}|{{ divf 1 3 }}",
     {"f": 2.7}),
    ("seq", "{{ until 3 }}|{{ untilStep 0 10 4 }}|{{ seq 5 }}|{{ seq 2 5 }}|{{ seq 5 -1 2 }}|{{ seq 0 }}", {}),
    ("types", "{{ typeOf .Values.m }}|{{ kindOf .Values.l }}|{{ typeOf 1 }}|{{ typeOf (add 1 1) }}|{{ kindOf .Values.f }}|{{ kindIs \"invalid\" .Values.missing }}|{{ typeOf .Values.missing }}|{{ kindOf \"\" }}",
     {"m": {}, "l": [], "f": 1}),
    ("encoding", "{{ b64enc \"hi there\" }}|{{ b64dec \"aGkgdGhlcmU=\" }}|{{ b64dec \"!!\" }}|{{ sha256sum \"x\" }}|{{ sha1sum \"x\" }}|{{ adler32sum \"x\" }}|{{ b32enc \"hi\" }}|{{ urlquery \"a b/c\" }}|{{ html \"<x>\" }}|{{ js \"a'b\" }}",
     {}),
    ("regex", "{{ regexMatch \"^[a-z]+$\" \"abc\" }}|{{ regexFindAll \"a.\" \"aXaYaZ\" 2 }}|{{ regexReplaceAll \"(a)(b)?\" \"ab-a\" \"[$2$1]\" }}|{{ regexSplit \"\\\\s*,\\\\s*\" \"a , b,c\" -1 }}|{{ regexReplaceAll \"\\\\b(\\\\w)\" \"hello world\" \"<$1>\" }}|{{ regexFind \"(?s)a.b\" \"a\\nb\" }}|{{ regexReplaceAll \"x*\" \"abc\" \"-\" }}",
     {}),
    ("semver", "{{ semverCompare \">=1.19-0\" .Values.v }}|{{ semverCompare \"~1.2.0\" \"1.2.9\" }}|{{ semverCompare \"^1.2\" \"2.0.0\" }}|{{ (semver \"v1.2.3+build\").Metadata }}|{{ semverCompare \">1.0.0\" \"1.1.0-rc.1\" }}",
     {"v": "v1.30.2-eks-1234"}),
    ("ternary-coalesce", "{{ ternary \"a\" \"b\" .Values.t }}|{{ coalesce .Values.z .Values.e \"c\" }}|{{ all 1 \"\" }}|{{ any 0 \"x\" }}|{{ empty .Values.m }}|{{ empty .Values.z }}",
     {"t": True, "z": 0, "e": "", "m": {}}),
    ("range-forms", "{{ range $i, $v := .Values.l }}{{ $i }}{{ $v }};{{ end }}|{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }};{{ end }}|{{ range .Values.missing }}x{{ else }}none{{ end }}|{{ range 3 }}{{ . }}{{ end }}",
     {"l": ["a", "b"], "m": {"z": 1, "a": 2}}),
    ("break-continue", "{{ range .Values.l }}{{ if eq . 3.0 }}{{ continue }}{{ end }}{{ if eq . 5.0 }}{{ break }}{{ end }}{{ . }}{{ end }}", {"l": [1, 2, 3, 4, 5, 6]}),
    ("with-else-with", "{{ with .Values.a }}a{{ else with .Values.b }}{{ . }}{{ else }}none{{ end }}", {"b": "bee"}),
    ("trim-markers", "a  \n  {{- \"b\" -}}  \n  c {{- /* comment */ -}}  d", {}),
    ("variables", "{{ $x := 1 }}{{ range .Values.l }}{{ $x = . }}{{ end }}{{ $x }}|{{ with $y := .Values.s }}{{ $y }}{{ end }}|{{ $ | typeOf }}", {"l": [1, 2], "s": "ess"}),
    ("define-include", "{{ define \"t.inner\" }}[{{ .a }}]{{ end }}{{ include \"t.inner\" (dict \"a\" 1) }}{{ include \"t.inner\" (dict \"a\" 2) | upper }}", {}),
    ("include-missing", "{{ include \"nope\" . }}", {}),
    ("include-error", "{{ define \"t.bad\" }}\n{{ .x.y }}{{ end }}{{ include \"t.bad\" (dict) }}", {}),
    ("required-nested", "{{ define \"t.req\" }}{{ required \"need it\" .x }}{{ end }}\n{{ include \"t.req\" (dict) }}", {}),
    ("required-empty", "{{ required \"empty string fails\" .Values.e }}", {"e": ""}),
    ("required-false", "{{ required \"false passes\" .Values.f }}", {"f": False}),
    ("fail", "x\n  {{ fail \"stop here\" }}", {}),
    ("tpl", "{{ tpl \"{{ .Values.name }}-{{ .Release.Name }}\" . }}|{{ tpl .Values.t . }}", {"name": "n", "t": "{{ add 1 2 }}"}),
    ("tpl-error", "{{ tpl \"{{ .Values.a.b }}\" . }}", {}),
    ("unknown-function", "line1\n{{ frob 1 }}", {}),
    ("parse-error-eof", "{{ if true }}x", {}),
    ("parse-unexpected", "{{ end }}", {}),
    ("and-or", "{{ and 1 0 }}|{{ or 0 \"\" }}|{{ and .Values.a .Values.a.b }}|{{ or .Values.t .Values.missing.x }}|{{ not .Values.l }}", {"a": None, "t": "yes", "l": []}),
    ("index-slice", "{{ index .Values.l 1 }}|{{ index .Values.m \"k\" }}|{{ index .Values.m \"zz\" }}|{{ slice .Values.l 1 }}|{{ len .Values.s }}", {"l": ["a", "b", "c"], "m": {"k": "v"}, "s": "héllo"}),
    ("index-out", "{{ index .Values.l 5 }}", {"l": ["a"]}),
    ("len-nil", "{{ len .Values.missing }}", {}),
    ("set-on-values", "{{ $_ := set .Values \"added\" \"yes\" }}{{ .Values.added }}", {}),
    ("dig", "{{ dig \"a\" \"b\" \"def\" .Values }}|{{ dig \"a\" \"x\" \"def\" .Values }}", {"a": {"b": "found"}}),
    ("totoml", "{{ toToml .Values }}", {"a": 1, "s": "x", "t": {"b": True, "l": [1, 2]}, "arr": [{"n": 1}]}),
    ("duration", "{{ duration 95 }}|{{ duration \"3661\" }}|{{ durationRound \"2h10m\" }}|{{ durationRound \"49h\" }}", {}),
    ("date-fixed", "{{ date \"2006-01-02 15:04:05 Mon Jan\" (toDate \"2006-01-02\" \"2024-02-29\") }}|{{ toDate \"2006-01-02T15:04:05Z07:00\" \"2024-02-29T10:11:12+02:00\" | unixEpoch }}", {}),
    ("capabilities-like-values", "{{ .Values.kv | replace \"v\" \"\" | trimSuffix \"+\" }}", {"kv": "v1.30.0"}),
    ("nested-template", "{{ define \"t.a\" }}A{{ template \"t.b\" . }}{{ end }}{{ define \"t.b\" }}B{{ .Values.x }}{{ end }}{{ template \"t.a\" . }}", {"x": 1}),
    ("block", "{{ block \"t.blk\" . }}default{{ .Values.x }}{{ end }}", {"x": 2}),
]


def main():
    cases = [{"name": n, "template": t, "values": v} for n, t, v in CASES]
    with open(OUT, "w") as handle:
        json.dump(cases, handle, indent=1, ensure_ascii=False, sort_keys=True)
        handle.write("\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()

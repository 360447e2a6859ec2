import Testing

@testable import Helm

/// One case of Go text/template semantics: template, JSON data, expected output or
/// `ERR: ` followed by the exact Go error text (the same shape as a function case).
typealias LanguageCase = FunctionCase

let textAndTrimCases: [LanguageCase] = [
  .init("plain text", "plain text"),
  .init("", ""),
  .init("a {{- \" b \" -}} c", "a b c"),
  .init("a  \n {{- 1 }}", "a1"),
  .init("{{ 1 -}} \n\t b", "1b"),
  .init("x {{- /* comment */ -}} y", "xy"),
  .init("x {{/* comment */}} y", "x  y"),
  .init("{{-3}}", "-3"),
  .init("a{{- 3 -}}b", "a3b"),
  .init("a\n{{- if true }}\nb\n{{- end }}\n", "a\nb\n"),
  .init("{{ \"{{\" }}", "{{"),
  .init("{{`raw \\n`}}", "raw \\n"),
  .init("{{\"esc\\t\\u00e9\"}}", "esc\té"),
  .init("{{'a'}}", "97"),
  .init("{{ 0x1F }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000 }}", "31 15 15 5 1000"),
  .init("{{ 1.5 }} {{ 1e3 }} {{ 2.0 }}", "1.5 1000 2"),
  .init("{{ true }} {{ false }}", "true false"),
  .init("{{/* a\nmultiline comment */}}ok", "ok"),
]

let fieldCases: [LanguageCase] = [
  .init("{{ .a }}", #"{"a": 2}"#, "2"),
  .init("{{ .a }}", #"{"a": 0.5}"#, "0.5"),
  .init("{{ .a }}", #"{"a": 1000000}"#, "1e+06"),
  .init("{{ .a }}", #"{"a": 123456}"#, "123456"),
  .init("{{ .a }}", #"{"a": 1e21}"#, "1e+21"),
  .init("{{ .a }}", #"{"a": 0.0001}"#, "0.0001"),
  .init("{{ .a }}", #"{"a": 0.00001}"#, "1e-05"),
  .init("{{ .a }}", #"{"a": -2.5}"#, "-2.5"),
  .init("{{ .a.b.c }}", #"{"a": {"b": {"c": "deep"}}}"#, "deep"),
  .init("[{{ .missing }}]", "{}", "[]"),
  .init("{{ .a }}", #"{"a": null}"#, ""),
  .init("{{ .a }}", #"{"a": [1, "x", true]}"#, "[1 x true]"),
  .init("{{ .a }}", #"{"a": {"b": 1, "a": "z"}}"#, "map[a:z b:1]"),
  .init("{{ .a }}", #"{"a": {"n": null}}"#, "map[n:<nil>]"),
  .init("{{ .a }}", #"{"a": []}"#, "[]"),
  .init("{{ . }}", #""top""#, "top"),
  .init(
    "{{ .a.b }}", "{}",
    #"ERR: template: t:1:5: executing "t" at <.a.b>: nil pointer evaluating interface {}.b"#),
  .init(
    "{{ .a.b }}", #"{"a": "s"}"#,
    #"ERR: template: t:1:5: executing "t" at <.a.b>: can't evaluate field b in type interface {}"#),
  .init(
    "{{ .a.b }}", #"{"a": 1}"#,
    #"ERR: template: t:1:5: executing "t" at <.a.b>: can't evaluate field b in type interface {}"#),
  .init(
    "{{ .a 1 }}", #"{"a": 1}"#,
    #"ERR: template: t:1:3: executing "t" at <.a>: a is not a method but has arguments"#),
  .init("{{ (.a).b }}", #"{"a": {"b": "chain"}}"#, "chain"),
  .init(
    #"{{ with "s" }}{{ .b }}{{ end }}"#,
    #"ERR: template: t:1:17: executing "t" at <.b>: can't evaluate field b in type string"#),
  .init("{{ (dict \"k\" \"v\").k }}", "", "v"),
  .init("{{ $x := .a }}{{ $x.b }}", #"{"a": {"b": "var"}}"#, "var"),
  .init(
    "line1\n{{ .a.b }}", "{}",
    #"ERR: template: t:2:5: executing "t" at <.a.b>: nil pointer evaluating interface {}.b"#),
]

let variableCases: [LanguageCase] = [
  .init("{{ $x := 1 }}{{ $x }}", "1"),
  .init("{{ $x := 1 }}{{ $x = 2 }}{{ $x }}", "2"),
  .init("{{ $ }}", #""root""#, "root"),
  .init("{{ with .a }}{{ $.b }}{{ end }}", #"{"a": 1, "b": "dollar"}"#, "dollar"),
  .init("{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}", "21"),
  .init("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}", "2"),
  .init("{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}", #"ERR: template: t:1: undefined variable "$y""#),
  .init("{{ $z }}", #"ERR: template: t:1: undefined variable "$z""#),
  .init("{{ range $i, $v := .a }}{{ $i }}={{ $v }};{{ end }}", #"{"a": ["x", "y"]}"#, "0=x;1=y;"),
  .init("{{ range $v := .a }}{{ $v }}{{ end }}", #"{"a": ["x", "y"]}"#, "xy"),
  .init("{{ $x := 0 }}{{ range .a }}{{ $x = . }}{{ end }}{{ $x }}", #"{"a": [1, 2, 3]}"#, "3"),
  .init("{{ with $v := .a }}{{ $v }}{{ . }}{{ end }}", #"{"a": "w"}"#, "ww"),
  .init("{{ $a, $b := 1 }}", #"ERR: template: t:1: too many declarations in command"#),
]

let controlCases: [LanguageCase] = [
  .init("{{ if .a }}yes{{ else }}no{{ end }}", #"{"a": true}"#, "yes"),
  .init("{{ if .a }}yes{{ else }}no{{ end }}", #"{"a": 0}"#, "no"),
  .init("{{ if .a }}yes{{ else }}no{{ end }}", #"{"a": ""}"#, "no"),
  .init("{{ if .a }}yes{{ else }}no{{ end }}", #"{"a": []}"#, "no"),
  .init("{{ if .a }}yes{{ else }}no{{ end }}", #"{"a": {}}"#, "no"),
  .init("{{ if .a }}yes{{ else }}no{{ end }}", #"{"a": "0"}"#, "yes"),
  .init("{{ if .a }}yes{{ else }}no{{ end }}", #"{"a": 0.1}"#, "yes"),
  .init("{{ if .missing }}yes{{ else }}no{{ end }}", "{}", "no"),
  .init("{{ if .a }}1{{ else if .b }}2{{ else }}3{{ end }}", #"{"a": false, "b": true}"#, "2"),
  .init("{{ if .a }}1{{ else if .b }}2{{ else }}3{{ end }}", #"{"a": false, "b": false}"#, "3"),
  .init("{{ with .a }}{{ . }}{{ else }}none{{ end }}", #"{"a": "x"}"#, "x"),
  .init("{{ with .a }}{{ . }}{{ else }}none{{ end }}", "{}", "none"),
  .init("{{ with .a }}a{{ else with .b }}{{ . }}{{ else }}none{{ end }}", #"{"b": "bee"}"#, "bee"),
  .init("{{ range .a }}[{{ . }}]{{ end }}", #"{"a": [1, 2]}"#, "[1][2]"),
  .init("{{ range .a }}[{{ . }}]{{ else }}empty{{ end }}", #"{"a": []}"#, "empty"),
  .init("{{ range .a }}[{{ . }}]{{ else }}empty{{ end }}", "{}", "empty"),
  .init(
    "{{ range $k, $v := .a }}{{ $k }}={{ $v }},{{ end }}", #"{"a": {"b": 2, "a": 1, "c": 3}}"#, "a=1,b=2,c=3,"
  ),
  .init("{{ range .a }}{{ . }}{{ end }}", #"{"a": {"y": 2, "x": 1}}"#, "12"),
  .init("{{ range 3 }}{{ . }}{{ end }}", "012"),
  .init("{{ range $i := 3 }}{{ $i }}{{ end }}", "012"),
  .init("{{ range .a }}{{ if eq . 2.0 }}{{ break }}{{ end }}{{ . }}{{ end }}", #"{"a": [1, 2, 3]}"#, "1"),
  .init("{{ range .a }}{{ if eq . 2.0 }}{{ continue }}{{ end }}{{ . }}{{ end }}", #"{"a": [1, 2, 3]}"#, "13"),
  .init(
    "{{ range .a }}x{{ end }}", #"{"a": "str"}"#,
    #"ERR: template: t:1:9: executing "t" at <.a>: range can't iterate over str"#),
  .init(
    "{{ range .a }}x{{ end }}", #"{"a": 2}"#,
    #"ERR: template: t:1:9: executing "t" at <.a>: range can't iterate over 2"#),
  .init("{{ range .a }}{{ range . }}{{ . }}{{ end }};{{ end }}", #"{"a": [[1, 2], [3]]}"#, "12;3;"),
  .init("{{ break }}", #"ERR: template: t:1: {{break}} outside {{range}}"#),
  .init("{{ continue }}", #"ERR: template: t:1: {{continue}} outside {{range}}"#),
  .init("{{ if true }}x", #"ERR: template: t:1: unexpected EOF"#),
  .init("{{ end }}", #"ERR: template: t:1: unexpected {{end}}"#),
  .init("{{ else }}", #"ERR: template: t:1: unexpected {{else}}"#),
  .init("{{ if }}x{{ end }}", #"ERR: template: t:1: missing value for if"#),
  .init("{{ }}", #"ERR: template: t:1: missing value for command"#),
  .init("{{ range .a }}{{ else }}{{ else }}{{ end }}", #"ERR: template: t:1: expected end; found {{else}}"#),
]

let defineCases: [LanguageCase] = [
  .init(#"{{ define "x" }}X{{ . }}{{ end }}{{ template "x" 1 }}"#, "X1"),
  .init(#"{{ define "x" }}X{{ . }}{{ end }}{{ template "x" }}"#, "X"),
  .init(#"{{ define "x" }}{{ $ }}{{ end }}{{ template "x" "arg" }}"#, "arg"),
  .init(#"{{ block "b" . }}default {{ . }}{{ end }}"#, #""dot""#, "default dot"),
  .init(
    #"{{ template "nope" }}"#,
    #"ERR: template: t:1:3: executing "t" at <{{template "nope"}}>: template "nope" not defined"#),
  .init(
    #"{{ define "x" }}{{ .a.b }}{{ end }}{{ template "x" . }}"#, "{}",
    #"ERR: template: t:1:21: executing "x" at <.a.b>: nil pointer evaluating interface {}.b"#),
  .init(
    #"{{ define "x" }}A{{ end }}{{ define "x" }}B{{ end }}"#,
    #"ERR: template: t:1: template: multiple definition of template "x""#),
  .init(#"{{ include "x" 2 }}{{ define "x" }}[{{ . }}]{{ end }}"#, "[2]"),
  .init(
    #"{{ include "missing" . }}"#,
    #"ERR: template: t:1:3: executing "t" at <include "missing" .>: error calling include: template: no template "missing" associated with template "gotpl""#
  ),
  .init(
    #"{{ define "x" }}{{ fail "boom" }}{{ end }}{{ include "x" . }}"#,
    #"ERR: template: t:1:45: executing "t" at <include "x" .>: error calling include: template: t:1:19: executing "x" at <fail "boom">: error calling fail: HELM_ERR_STARTboomHELM_ERR_END"#
  ),
]

let pipelineCases: [LanguageCase] = [
  .init(#"{{ "a" | printf "%s-%s" "b" }}"#, "b-a"),
  .init(#"{{ 3 | printf "%d" }}"#, "3"),
  .init(#"{{ "x" | len }}"#, "1"),
  .init(#"{{ (printf "%s" "p") | len }}"#, "1"),
  .init(#"{{ 1 | 2 }}"#, #"ERR: template: t:1: non executable command in pipeline stage 2"#),
  .init(
    #"{{ "a" "b" }}"#,
    #"ERR: template: t:1:3: executing "t" at <"a">: can't give argument to non-function "a""#),
  .init(#"{{ nil }}"#, #"ERR: template: t:1:3: executing "t" at <nil>: nil is not a command"#),
  .init(#"{{ nope 1 }}"#, #"ERR: template: t:1: function "nope" not defined"#),
  .init("a\n\n{{ nope 1 }}", #"ERR: template: t:3: function "nope" not defined"#),
  .init(#"{{ "unterminated }}"#, #"ERR: template: t:1: unterminated quoted string"#),
  .init(#"{{ 1 "#, #"ERR: template: t:1: unclosed action"#),
  .init(#"{{ ( 1 }}"#, #"ERR: template: t:1: unclosed left paren"#),
  .init(#"{{ 1 ) }}"#, #"ERR: template: t:1: unexpected right paren"#),
  .init(#"{{ 1 # }}"#, #"ERR: template: t:1: bad character U+0023 '#'"#),
  .init(#"{{ /* unclosed }}"#, #"ERR: template: t:1: bad character U+002F '/'"#),
  .init(#"{{/* c */ 1 }}"#, #"ERR: template: t:1: comment ends before closing delimiter"#),
  .init(#"{{ .a | quote }}"#, #"{"a": "q"}"#, "\"q\""),
  .init(#"{{ $x := "v" | upper }}{{ $x }}"#, "V"),
  .init(
    #"{{ len }}"#,
    #"ERR: template: t:1:3: executing "t" at <len>: wrong number of args for len: want 1 got 0"#),
  .init(
    #"{{ printf }}"#,
    #"ERR: template: t:1:3: executing "t" at <printf>: wrong number of args for printf: want at least 1 got 0"#
  ),
]

let comparisonCases: [LanguageCase] = [
  .init("{{ eq 1 1 }}", "true"),
  .init("{{ eq 1 2 3 1 }}", "true"),
  .init("{{ eq 1 2 3 }}", "false"),
  .init(#"{{ eq "a" "a" }}"#, "true"),
  .init("{{ eq .a 2.0 }}", #"{"a": 2}"#, "true"),
  .init(
    "{{ eq .a 2 }}", #"{"a": 2}"#,
    #"ERR: template: t:1:3: executing "t" at <eq .a 2>: error calling eq: incompatible types for comparison: float64 and int"#
  ),
  .init(
    #"{{ eq 1 "1" }}"#,
    #"ERR: template: t:1:3: executing "t" at <eq 1 "1">: error calling eq: incompatible types for comparison: int and string"#
  ),
  .init(#"{{ eq .missing "x" }}"#, "{}", "false"),
  .init(#"{{ ne "a" "b" }}"#, "true"),
  .init("{{ lt 1 2 }} {{ le 2 2 }} {{ gt 3 2 }} {{ ge 1 2 }}", "true true true false"),
  .init(#"{{ lt "a" "b" }}"#, "true"),
  .init("{{ lt 1.5 2.5 }}", "true"),
  .init(
    "{{ lt 1 2.5 }}",
    #"ERR: template: t:1:3: executing "t" at <lt 1 2.5>: error calling lt: incompatible types for comparison: int and float64"#
  ),
  .init(
    "{{ lt true false }}",
    #"ERR: template: t:1:3: executing "t" at <lt true false>: error calling lt: invalid type for comparison"#),
  .init(
    "{{ lt .missing 1 }}", "{}",
    #"ERR: template: t:1:3: executing "t" at <lt .missing 1>: error calling lt: invalid type for comparison"#),
  .init(
    "{{ eq }}",
    #"ERR: template: t:1:3: executing "t" at <eq>: wrong number of args for eq: want at least 1 got 0"#),
  .init(
    "{{ eq 1 }}",
    #"ERR: template: t:1:3: executing "t" at <eq 1>: error calling eq: missing argument for comparison"#),
  .init("{{ and 1 0 2 }}", "0"),
  .init("{{ and 1 2 }}", "2"),
  .init("{{ or 0 \"\" \"x\" }}", "x"),
  .init("{{ or 0 false }}", "false"),
  .init("{{ and false .a.b.c }}", "{}", "false"),
  .init("{{ or true .a.b.c }}", "{}", "true"),
  .init("{{ not 0 }} {{ not 1 }} {{ not \"\" }}", "true false true"),
  .init("{{ len .a }}", #"{"a": [1, 2, 3]}"#, "3"),
  .init("{{ len \"héllo\" }}", "6"),
  .init(
    "{{ len .a }}", "{}",
    #"ERR: template: t:1:3: executing "t" at <len .a>: error calling len: len of nil pointer"#),
  .init(
    "{{ len 3 }}", #"ERR: template: t:1:3: executing "t" at <len 3>: error calling len: len of type int"#),
  .init("{{ index .a 1 }}", #"{"a": ["x", "y"]}"#, "y"),
  .init(#"{{ index .a "k" }}"#, #"{"a": {"k": "v"}}"#, "v"),
  .init(#"{{ index .a "k" "j" }}"#, #"{"a": {"k": {"j": "deep"}}}"#, "deep"),
  .init(#"{{ index .a "nope" }}"#, #"{"a": {"k": "v"}}"#, ""),
  .init(
    "{{ index .a 5 }}", #"{"a": ["x"]}"#,
    #"ERR: template: t:1:3: executing "t" at <index .a 5>: error calling index: index out of range: 5"#),
  .init(
    "{{ index .a 1 }}", "{}",
    #"ERR: template: t:1:3: executing "t" at <index .a 1>: error calling index: index of untyped nil"#),
  .init("{{ slice .a 1 }}", #"{"a": ["x", "y", "z"]}"#, "[y z]"),
  .init("{{ slice .a 0 2 }}", #"{"a": ["x", "y", "z"]}"#, "[x y]"),
  .init(#"{{ html "<a href='x'>&</a>" }}"#, "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"),
  .init(#"{{ js "it's \"q\" <b>" }}"#, #"it\'s \"q\" \u003Cb\u003E"#),
  .init(#"{{ urlquery "a b&c=d/é" }}"#, "a+b%26c%3Dd%2F%C3%A9"),
  .init(#"{{ print "a" "b" 1 2 "c" }}"#, "ab1 2c"),
  .init(#"{{ println "a" 1 }}"#, "a 1\n"),
  .init(#"{{ print .missing }}"#, "{}", "<nil>"),
]

let printfCases: [LanguageCase] = [
  .init(#"{{ printf "%v %v %v" 1 "s" true }}"#, "1 s true"),
  .init(#"{{ printf "%d" .a }}"#, #"{"a": 2}"#, "%!d(float64=2)"),
  .init(#"{{ printf "%d" "x" }}"#, "%!d(string=x)"),
  .init(#"{{ printf "%s" 5 }}"#, "%!s(int=5)"),
  .init(#"{{ printf "%s" .a }}"#, #"{"a": ["x", "y"]}"#, "[x y]"),
  .init(#"{{ printf "%q" "hi\"" }}"#, #""hi\"""#),
  .init(#"{{ printf "%5s|%-5s|" "ab" "cd" }}"#, "   ab|cd   |"),
  .init(#"{{ printf "%05d" 42 }}"#, "00042"),
  .init(#"{{ printf "%05d" -42 }}"#, "-0042"),
  .init(#"{{ printf "%+d" 5 }}"#, "+5"),
  .init(#"{{ printf "%x %X %o %b" 255 255 8 5 }}"#, "ff FF 10 101"),
  .init(#"{{ printf "%#x" 255 }}"#, "0xff"),
  .init(#"{{ printf "%x" "hi" }}"#, "6869"),
  .init(#"{{ printf "%.2f" 3.14159 }}"#, "3.14"),
  .init(#"{{ printf "%f" .a }}"#, #"{"a": 1.5}"#, "1.500000"),
  .init(#"{{ printf "%8.3f|" 3.14159 }}"#, "   3.142|"),
  .init(#"{{ printf "%e" 1234.5 }}"#, "1.234500e+03"),
  .init(#"{{ printf "%g" 1000000.0 }}"#, "1e+06"),
  .init(#"{{ printf "%g" 0.5 }}"#, "0.5"),
  .init(#"{{ printf "%.3g" 1234.5678 }}"#, "1.23e+03"),
  .init(#"{{ printf "%t" true }}"#, "true"),
  .init(#"{{ printf "%c" 65 }}"#, "A"),
  .init(#"{{ printf "%U" 65 }}"#, "U+0041"),
  .init(
    #"{{ printf "%T %T %T %T" 1 1.5 "s" .a }}"#, #"{"a": {}}"#, "int float64 string map[string]interface {}"),
  .init(#"{{ printf "%d%%" 5 }}"#, "5%"),
  .init(#"{{ printf "%d %d" 1 }}"#, "1 %!d(MISSING)"),
  .init(#"{{ printf "%d" 1 2 }}"#, "1%!(EXTRA int=2)"),
  .init(#"{{ printf "%v" .a }}"#, #"{"a": {"k": [1, 2]}}"#, "map[k:[1 2]]"),
  .init(#"{{ printf "%s" .missing }}"#, "{}", "%!s(<nil>)"),
  .init(#"{{ printf "%v" .missing }}"#, "{}", "<nil>"),
  .init(#"{{ printf "%.2s" "hello" }}"#, "he"),
  .init(#"{{ printf "%z" 1 }}"#, "%!z(int=1)"),
  .init(#"{{ printf "%6.2f%%" 12.345 }}"#, " 12.35%"),
  .init(#"{{ printf "%s-%s" "release" "name" | trunc 63 | trimSuffix "-" }}"#, "release-name"),
]

@Test("executes Go text/template language cases", arguments: textAndTrimCases + fieldCases + variableCases)
func languageBasics(_ c: LanguageCase) {
  #expect(outcome(c.template, c.data) == c.expected)
}

@Test("executes control structures and definitions", arguments: controlCases + defineCases + pipelineCases)
func languageControl(_ c: LanguageCase) {
  #expect(outcome(c.template, c.data) == c.expected)
}

@Test("compares and formats as Go does", arguments: comparisonCases + printfCases)
func languageComparisonsAndPrintf(_ c: LanguageCase) {
  #expect(outcome(c.template, c.data) == c.expected)
}

@Test("reports a missing key as an error in strict mode")
func strictMissingKey() {
  var options = ExecutionOptions()
  options.strict = true
  #expect(
    outcome("{{ .a.b }}", #"{"a": {}}"#, options: options)
      == #"ERR: template: t:1:5: executing "t" at <.a.b>: map has no entry for key "b""#)
}

@Test("later defines replace earlier ones across files, empty ones do not")
func defineReplacement() throws {
  var set = TemplateSet()
  try set.parse(name: "a", text: #"{{ define "x" }}first{{ end }}{{ define "y" }}keep{{ end }}"#)
  try set.parse(name: "b", text: #"{{ define "x" }}second{{ end }}{{ define "y" }}{{ end }}"#)
  try set.parse(name: "t", text: #"{{ template "x" }}-{{ template "y" }}"#)
  #expect(try set.execute(name: "t", data: .null) == "second-keep")
  #expect(set.names == ["a", "b", "t", "x", "y"])
}

@Test("endless template recursion stops with Go's depth error instead of overflowing the stack")
func endlessTemplateRecursion() {
  let result = outcome(#"{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}"#)
  #expect(
    result.hasPrefix(
      "ERR: template: t:1:19: executing \"r\" at <{{template \"r\" .}}>: exceeded maximum template depth"))
}

@Test("endless include recursion stops with Helm's nested reference error")
func endlessIncludeRecursion() {
  var options = ExecutionOptions()
  options.includeDepthLimit = 50
  let result = outcome(#"{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}"#, options: options)
  #expect(
    result.contains(
      "error calling include: rendering template has a nested reference name: r: unable to execute template"))
}

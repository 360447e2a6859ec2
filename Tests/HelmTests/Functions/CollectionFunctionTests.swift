import Testing

@testable import Helm

let collectionCases: [FunctionCase] = [
  .init("{{ list 1 \"a\" }}", "[1 a]"),
  .init(
    "{{ first .a }} {{ last .a }} {{ rest .a }} {{ initial .a }}", #"{"a": [1, 2, 3]}"#, "1 3 [2 3] [1 2]"),
  .init("{{ append .a 4 }} {{ prepend .a 0 }}", #"{"a": [1, 2]}"#, "[1 2 4] [0 1 2]"),
  .init("{{ concat .a .b }}", #"{"a": [1], "b": [2, 3]}"#, "[1 2 3]"),
  .init("{{ reverse .a }} {{ uniq .b }}", #"{"a": [1, 2], "b": [1, 1, "x", "x"]}"#, "[2 1] [1 x]"),
  .init("{{ without .a 1.0 3.0 }} {{ without .a 1 }}", #"{"a": [1, 2, 3]}"#, "[2] [1 2 3]"),
  .init("{{ has 2.0 .a }} {{ has 5.0 .a }} {{ has 1 .missing }}", #"{"a": [1, 2]}"#, "true false false"),
  .init("{{ compact .a }}", #"{"a": [1, "", null, 0, "x"]}"#, "[1 x]"),
  .init("{{ slice .a 1 }} {{ slice .a 1 2 }}", #"{"a": [1, 2, 3]}"#, "[2 3] [2]"),
  .init("{{ chunk 2 .a }}", #"{"a": [1, 2, 3]}"#, "[[1 2] [3]]"),
  .init("{{ until 3 }} {{ untilStep 1 7 3 }} {{ seq 3 }} {{ seq 2 -2 0 }}", "[0 1 2] [1 4] 1 2 3 2 0"),
  .init(
    "{{ first .a }}", #"{"a": "s"}"#,
    #"ERR: template: t:1:3: executing "t" at <first .a>: error calling first: Cannot find first on type string"#
  ),
  .init(#"{{ dict "a" 1 "b" }}"#, "map[a:1 b:]"),
  .init(#"{{ get .m "a" }}|{{ get .m "zz" }}|"#, #"{"m": {"a": "x"}}"#, "x||"),
  .init(#"{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $d }}"#, "map[a:1 b:2]"),
  .init(#"{{ $d := dict "a" 1 "b" 2 }}{{ $_ := unset $d "a" }}{{ $d }}"#, "map[b:2]"),
  .init(#"{{ hasKey .m "a" }} {{ hasKey .m "b" }}"#, #"{"m": {"a": null}}"#, "true false"),
  .init(#"{{ pluck "a" .x .y }}"#, #"{"x": {"a": 1}, "y": {"a": 2, "b": 3}}"#, "[1 2]"),
  .init("{{ keys .m | sortAlpha }} {{ values .m }}", #"{"m": {"b": 2, "a": 1}}"#, "[a b] [1 2]"),
  .init(
    #"{{ pick .m "a" "c" }} {{ omit .m "a" }}"#, #"{"m": {"a": 1, "b": 2, "c": 3}}"#,
    "map[a:1 c:3] map[b:2 c:3]"),
  .init(
    #"{{ dig "a" "b" "none" .m }} {{ dig "a" "x" "none" .m }}"#, #"{"m": {"a": {"b": "found"}}}"#,
    "found none"),
  .init(
    "{{ merge .x .y }}", #"{"x": {"a": 1, "n": {"p": 1}}, "y": {"a": 2, "b": 3, "n": {"p": 2, "q": 3}}}"#,
    "map[a:1 b:3 n:map[p:1 q:3]]"),
  .init(
    "{{ mergeOverwrite .x .y }}", #"{"x": {"a": 1, "n": {"p": 1}}, "y": {"a": 2, "n": {"q": 3}}}"#,
    "map[a:2 n:map[p:1 q:3]]"),
  .init("{{ mergeOverwrite .x .y }}", #"{"x": {"a": true}, "y": {"a": false}}"#, "map[a:false]"),
  .init("{{ merge .x .y }}", #"{"x": {"a": ""}, "y": {"a": "filled"}}"#, "map[a:filled]"),
  .init("{{ $m := dict }}{{ $_ := merge $m .y }}{{ $m }}", #"{"y": {"a": 1}}"#, "map[a:1]"),
  .init("{{ deepCopy .m }}", #"{"m": {"a": [1]}}"#, "map[a:[1]]"),
  .init(
    "{{ add 1 2 3 }} {{ add1 .a }} {{ sub 5 .a }} {{ mul 2 3 }} {{ div 7 2 }} {{ mod 7 2 }}", #"{"a": 2}"#,
    "6 3 3 6 3 1"),
  .init("{{ max 1 5 3 }} {{ min 4 2 }} {{ biggest 1 9 }}", "5 2 9"),
  .init("{{ addf 1.5 2 }} {{ subf 5 1.5 }} {{ mulf 1.5 2 }} {{ divf 3 2 }}", "3.5 3.5 3 1.5"),
  .init("{{ floor 1.7 }} {{ ceil 1.2 }} {{ round 1.2345 2 }} {{ round 2.5 0 }}", "1 2 1.23 3"),
  .init(
    "{{ div 1 0 }}",
    #"ERR: template: t:1:3: executing "t" at <div 1 0>: error calling div: runtime error: integer divide by zero"#
  ),
  .init(
    #"{{ int "42" }} {{ int "4.0" }} {{ int "x" }} {{ int 3.9 }} {{ int .a }} {{ int64 "0x10" }}"#,
    #"{"a": "two"}"#, "42 4 0 3 0 16"),
  .init(#"{{ float64 "1.5" }} {{ atoi "12" }} {{ atoi "x" }} {{ toDecimal "0777" }}"#, "1.5 12 0 511"),
  .init(
    #"{{ default "d" .missing }} {{ default "d" "" }} {{ default "d" "v" }} {{ default "d" false }} {{ default 5 0 }}"#,
    "{}", "d d v d 5"),
  .init("{{ empty 0 }} {{ empty .a }} {{ empty .m }}", #"{"a": [], "m": {"k": 1}}"#, "true true false"),
  .init(#"{{ coalesce .x "" "first" "second" }}"#, "{}", "first"),
  .init("{{ all 1 true \"x\" }} {{ any 0 \"\" .m }}", #"{"m": {}}"#, "true false"),
  .init(#"{{ ternary "yes" "no" true }} {{ true | ternary "yes" "no" }}"#, "yes yes"),
  .init(
    "{{ typeOf .a }} {{ typeOf 1 }} {{ typeOf .l }} {{ typeOf .m }} {{ typeOf .s }} {{ typeOf .missing }}",
    #"{"a": 1, "l": [], "m": {}, "s": ""}"#, "float64 int []interface {} map[string]interface {} string <nil>"
  ),
  .init(
    #"{{ kindOf .l }} {{ kindOf .m }} {{ kindIs "map" .m }} {{ kindIs "string" 1 }} {{ typeIs "float64" .a }}"#,
    #"{"a": 1, "l": [], "m": {}}"#, "slice map true false true"),
  .init(
    "{{ deepEqual .a .b }} {{ deepEqual .a .c }}", #"{"a": {"x": [1]}, "b": {"x": [1]}, "c": {"x": [2]}}"#,
    "true false"),
  .init(
    #"{{ b64enc "hello" }} {{ b64dec "aGVsbG8=" }} {{ b32enc "hi" }} {{ b32dec "NBUQ====" }}"#,
    "aGVsbG8= hello NBUQ==== hi"),
  .init(#"{{ sha256sum "abc" }}"#, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
  .init(#"{{ sha1sum "abc" }} {{ adler32sum "abc" }}"#, "a9993e364706816aba3e25717850c26c9cd0d89d 38600999"),
  .init(
    #"{{ semverCompare ">=1.19-0" "v1.30.0" }} {{ semverCompare "<1.19" "1.30.0" }} {{ semverCompare "^2.4" "2.5.1" }}"#,
    "true false true"),
  .init(#"{{ (semver "1.2.3-rc.1").Major }} {{ (semver "1.2.3-rc.1").Prerelease }}"#, "1 rc.1"),
  .init(
    #"{{ semverCompare "!!" "1.0.0" }}"#,
    #"ERR: template: t:1:3: executing "t" at <semverCompare "!!" "1.0.0">: error calling semverCompare: improper constraint: !!"#
  ),
  .init(#"{{ lookup "v1" "Secret" "ns" "name" }}"#, "map[]"),
  .init(#"{{ required "need x" .x }}"#, #"{"x": "ok"}"#, "ok"),
  .init(
    #"{{ required "need x" .x }}"#, "{}",
    #"ERR: template: t:1:3: executing "t" at <required "need x" .x>: error calling required: HELM_ERR_STARTneed xHELM_ERR_END"#
  ),
]

@Test(
  "list, dict, math, conversion, encoding and Helm functions behave like Sprig and Helm",
  arguments: collectionCases)
func collectionFunctions(_ c: FunctionCase) {
  #expect(outcome(c.template, c.data, options: fixedOptions()) == c.expected)
}

@Test("required and fail surface as Helm's execution errors")
func helmErrorShape() throws {
  guard case .failure(let error) = render("line1\n  {{ required \"need x\" .x }}", "{}") else {
    Issue.record("expected a failure")
    return
  }
  #expect(error.helmMessage == "execution error at (t:2:5): need x")
  #expect(error.code == .execution)
}

@Test("an unknown function fails at parse time with Helm's parse error shape")
func unknownFunctionParseError() throws {
  guard case .failure(let error) = render("a\n{{ frobnicate 1 }}") else {
    Issue.record("expected a failure")
    return
  }
  #expect(error.goMessage == #"template: t:2: function "frobnicate" not defined"#)
  #expect(error.helmMessage == #"parse error at (t:2): function "frobnicate" not defined"#)
}

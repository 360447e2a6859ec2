import Testing

@testable import Helm

let stringCases: [FunctionCase] = [
  .init(#"{{ trim "  a b  " }}"#, "a b"),
  .init(#"{{ trimAll "$" "$$5.00$" }}"#, "5.00"),
  .init(#"{{ trimSuffix "-" "name-" }}"#, "name"),
  .init(#"{{ trimPrefix "v" "v1.2" }}"#, "1.2"),
  .init(#"{{ upper "abc" }} {{ lower "ABC" }}"#, "ABC abc"),
  .init(#"{{ title "hello wide-world" }}"#, "Hello Wide-World"),
  .init(#"{{ untitle "Hello World" }}"#, "hello world"),
  .init(#"{{ repeat 3 "ab" }}"#, "ababab"),
  .init(#"{{ substr 1 3 "hello" }}"#, "el"),
  .init(#"{{ nospace "a b\tc" }}"#, "abc"),
  .init(#"{{ trunc 5 "hello world" }}"#, "hello"),
  .init(#"{{ trunc -5 "hello world" }}"#, "world"),
  .init(#"{{ trunc 63 "short" }}"#, "short"),
  .init(#"{{ abbrev 5 "hello world" }}"#, "he..."),
  .init(#"{{ initials "First Try" }}"#, "FT"),
  .init(#"{{ wrap 5 "a b c d e f" }}"#, "a b c\nd e f"),
  .init(
    #"{{ contains "cat" "catch" }} {{ hasPrefix "ca" "cat" }} {{ hasSuffix "at" "cat" }}"#, "true true true"),
  .init(#"{{ quote "a" 1 .missing }}"#, "{}", #""a" "1""#),
  .init(#"{{ squote "a" }}"#, "'a'"),
  .init(#"{{ quote "with \"quotes\"" }}"#, #""with \"quotes\"""#),
  .init(#"{{ cat "a" 1 nil "b" }}"#, "a 1 b"),
  .init(#"{{ indent 2 "a\nb" }}"#, "  a\n  b"),
  .init(#"{{ nindent 2 "a\nb" }}"#, "\n  a\n  b"),
  .init(#"{{ replace "a" "b" "banana" }}"#, "bbnbnb"),
  .init(#"{{ plural "one" "many" 2 }}"#, "many"),
  .init(#"{{ snakecase "FirstName" }} {{ snakecase "HTTPServer" }}"#, "first_name http_server"),
  .init(#"{{ kebabcase "FirstName" }}"#, "first-name"),
  .init(#"{{ camelcase "http_server" }}"#, "HttpServer"),
  .init(#"{{ swapcase "Hello" }}"#, "hELLO"),
  .init(#"{{ toString 1.5 }} {{ toString .a }}"#, #"{"a": 2}"#, "1.5 2"),
  .init(#"{{ split "$" "foo$bar$baz" }}"#, "map[_0:foo _1:bar _2:baz]"),
  .init(#"{{ splitn "$" 2 "foo$bar$baz" }}"#, "map[_0:foo _1:bar$baz]"),
  .init(#"{{ splitList "," "a,b,c" }}"#, "[a b c]"),
  .init(#"{{ join "-" .a }}"#, #"{"a": ["x", 1, true]}"#, "x-1-true"),
  .init(#"{{ sortAlpha .a }}"#, #"{"a": ["b", "C", "a"]}"#, "[C a b]"),
  .init(
    #"{{ trunc .a "x" }}"#, #"{"a": 2}"#,
    #"ERR: template: t:1:9: executing "t" at <.a>: wrong type for value; expected int; got float64"#),
  .init(
    #"{{ upper .missing }}"#, "{}",
    #"ERR: template: t:1:9: executing "t" at <.missing>: wrong type for value; expected string; got interface {}"#
  ),
  .init(
    #"{{ .missing | upper }}"#, "{}",
    #"ERR: template: t:1:14: executing "t" at <upper>: invalid value; expected string"#),
  .init(#"{{ upper 3 }}"#, #"ERR: template: t:1:9: executing "t" at <3>: expected string; found 3"#),
  .init(#"{{ regexMatch "^[a-z]+\\d{2}$" "abc12" }}"#, "true"),
  .init(#"{{ regexFind "[0-9]+" "ab123cd45" }}"#, "123"),
  .init(#"{{ regexFindAll "[0-9]+" "a1b22c333" -1 }}"#, "[1 22 333]"),
  .init(#"{{ regexFindAll "[0-9]+" "a1b22c333" 2 }}"#, "[1 22]"),
  .init(#"{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}"#, "-W-xxW-"),
  .init(#"{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W" }}"#, "---"),
  .init(#"{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }}"#, "-${1}-${1}-"),
  .init(#"{{ regexSplit "z+" "pizza" -1 }}"#, "[pi a]"),
  .init(#"{{ regexSplit "" "abc" -1 }}"#, "[a b c]"),
  .init(#"{{ regexMatch "(?i)HELLO" "say hello" }}"#, "true"),
  .init(
    #"{{ regexReplaceAll "(?P<first>\\w+) (?P<last>\\w+)" "John Smith" "${last}, ${first}" }}"#, "Smith, John"
  ),
  .init(#"{{ regexReplaceAll "a*" "baaac" "-" }}"#, "-b-c-"),
  .init(#"{{ regexFind "a+?" "aaa" }}"#, "a"),
  .init(#"{{ regexMatch "[[:alpha:]]+-[^0-9]" "abc-x" }}"#, "true"),
  .init(#"{{ regexQuoteMeta "1.5+2" }}"#, #"1\.5\+2"#),
  .init(
    #"{{ mustRegexMatch "(" "x" }}"#,
    "ERR: template: t:1:3: executing \"t\" at <mustRegexMatch \"(\" \"x\">: error calling mustRegexMatch: error parsing regexp: missing closing ): `(`"
  ),
  .init(
    #"{{ regexMatch "(" "x" }}"#,
    "ERR: template: t:1:3: executing \"t\" at <regexMatch \"(\" \"x\">: error calling regexMatch: regexp: Compile(\"(\"): error parsing regexp: missing closing ): `(`"
  ),
]

@Test("string and regex functions behave like Sprig", arguments: stringCases)
func stringFunctions(_ c: FunctionCase) {
  #expect(outcome(c.template, c.data, options: fixedOptions()) == c.expected)
}

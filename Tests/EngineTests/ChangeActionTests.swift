import Testing

@testable import Engine

@Test(
  "actions print with Terraform's symbols",
  arguments: [
    (ChangeAction.create, "+"), (.update, "~"), (.replace, "-/+"), (.delete, "-"), (.noop, " "),
  ])
func symbols(action: ChangeAction, symbol: String) {
  #expect(action.symbol == symbol)
}

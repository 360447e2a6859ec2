import Testing

@testable import Images

@Suite(".dockerignore rules")
struct DockerIgnoreTests {
  @Test(
    "patterns follow Docker's rules",
    arguments: [
      ("*.pyc", "a.pyc", true),
      ("*.pyc", "src/a.pyc", false),
      ("**/*.pyc", "src/deep/a.pyc", true),
      ("**/*.pyc", "a.pyc", true),
      ("build", "build/out/x.o", true),
      ("/build", "build/x", true),
      ("./build/", "build/x", true),
      ("docs/*.md", "docs/a.md", true),
      ("docs/*.md", "docs/sub/a.md", false),
      ("te?t", "test", true),
      ("te?t", "te/t", false),
      ("[a-c]*.txt", "b1.txt", true),
      ("[^a-c]*.txt", "b1.txt", false),
      ("data/**", "data/x/y", true),
      ("\\*star", "*star", true),
      ("# comment", "# comment", false),
      ("a/../b", "b", true),
    ])
  func pattern(pattern: String, path: String, excluded: Bool) {
    #expect(DockerIgnore(pattern).excludes(path) == excluded)
  }

  @Test("the last matching pattern wins; ! brings files back")
  func exceptions() {
    let ignore = DockerIgnore("*.md\n!README.md\n\n# docs\ndocs\n!docs/keep.txt\n")
    #expect(ignore.excludes("CHANGES.md"))
    #expect(!ignore.excludes("README.md"))
    #expect(ignore.excludes("docs/a.txt"))
    #expect(!ignore.excludes("docs/keep.txt"))
    #expect(ignore.hasExceptions)
  }
}

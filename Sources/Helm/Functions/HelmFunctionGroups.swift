/// The function groups that make up `FunctionTable.helm`; later groups win on name clashes,
/// so Helm's own functions override Sprig's as in Helm's `funcMap`.
enum HelmFunctionGroups {
  static let all: [[String: TemplateFunction]] = [
    SprigStrings.all,
    SprigLists.all,
    SprigDicts.all,
    SprigMath.all,
    SprigConversions.all,
    SprigSemver.all,
    SprigEncoding.all,
    SprigRegex.all,
    SprigDates.all,
    SprigRandom.all,
    SprigCrypto.all,
    HelmSerialization.all,
    HelmFunctions.core,
  ]
}

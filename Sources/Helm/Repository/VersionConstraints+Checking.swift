extension VersionConstraints {
  /// One comparison, with Masterminds' wildcard rules (`>1.x` means 2 or later, `<=1.2` any 1.2.z).
  static func check(_ v: SemanticVersion, _ c: Comparison, includePrerelease: Bool) -> Bool {
    if !v.prerelease.isEmpty && !includePrerelease { return false }
    let con = c.version
    switch c.op {
    case .equal, .equals:
      return c.dirty ? tilde(v, c) : v == con
    case .notEqual:
      if c.dirty {
        if con.major != v.major { return true }
        if c.minorDirty { return false }
        if con.minor != v.minor { return true }
        if c.patchDirty {
          if !v.prerelease.isEmpty || !con.prerelease.isEmpty {
            return SemanticVersion.comparePrerelease(v.prerelease, con.prerelease) != 0
          }
          return false
        }
      }
      return v != con
    case .greater:
      if !c.dirty { return v > con }
      if v.major != con.major { return v.major > con.major }
      if c.minorDirty { return false }
      if c.patchDirty { return v.minor > con.minor }
      return v > con
    case .less:
      return v < con
    case .greaterOrEqual, .greaterOrEqualAlt:
      return v >= con
    case .lessOrEqual, .lessOrEqualAlt:
      if !c.dirty { return v <= con }
      if v.major > con.major { return false }
      if v.major == con.major && v.minor > con.minor && !c.minorDirty { return false }
      return true
    case .tilde, .tildeArrow:
      return tilde(v, c)
    case .caret:
      return caret(v, c)
    }
  }

  static func tilde(_ v: SemanticVersion, _ c: Comparison) -> Bool {
    let con = c.version
    if v < con { return false }
    if con.major == 0 && con.minor == 0 && con.patch == 0 && !c.minorDirty && !c.patchDirty { return true }
    if v.major != con.major { return false }
    if v.minor != con.minor && !c.minorDirty { return false }
    return true
  }

  static func caret(_ v: SemanticVersion, _ c: Comparison) -> Bool {
    let con = c.version
    if v < con { return false }
    if con.major > 0 || c.minorDirty { return v.major == con.major }
    if v.major > 0 { return false }
    if con.minor > 0 || c.patchDirty { return v.minor == con.minor }
    if v.minor > 0 { return false }
    return v.patch == con.patch
  }
}

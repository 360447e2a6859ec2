import Helm

/// In-process timings for `make bench`: archive load and render medians, measured on the
/// same code path the command uses, without process start-up.
enum HelmTemplateBenchmark {
  static func run(service: HelmTemplateService, request: HelmTemplateRequest, iterations: Int) async throws {
    let clock = ContinuousClock()
    var loads: [Double] = []
    var renders: [Double] = []
    let values = try request.values.merged(read: service.readFile)
    var chart = try await service.loadChart(request)
    for _ in 0..<max(iterations, 1) {
      let loadStart = clock.now
      chart = try await service.loadChart(request)
      loads.append(milliseconds(clock.now - loadStart))
      let renderStart = clock.now
      let renderer = ChartRenderer(options: RenderOptions(release: request.release))
      let result = try renderer.render(chart, values: values)
      _ = try result.text()
      renders.append(milliseconds(clock.now - renderStart))
    }
    StandardOutput.writeError(
      "load_ms=\(median(loads)) render_ms=\(median(renders)) iterations=\(loads.count)\n")
  }

  static func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
  }

  static func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    return sorted[sorted.count / 2]
  }
}

import Helm

#if canImport(Glibc)
import Glibc
#endif

/// In-process timings for `make bench`: archive load and render medians (wall and process
/// CPU time), measured on the same code path the command uses, without process start-up.
/// CPU time stays meaningful when other work shares the machine; wall time is the target.
enum HelmTemplateBenchmark {
  static func run(service: HelmTemplateService, request: HelmTemplateRequest, iterations: Int) async throws {
    var loads = Samples()
    var engines = Samples()
    var renders = Samples()
    let values = try request.values.merged(read: service.readFile)
    var chart = try await service.loadChart(request)
    for _ in 0..<max(iterations, 1) {
      let loadStart = Stamp()
      chart = try await service.loadChart(request)
      loads.add(since: loadStart)
      let renderer = ChartRenderer(options: RenderOptions(release: request.release))
      // The engine alone is what helm-python-sdk's render measures; the full render adds
      // splitting, install-order sorting and the printed text, as `helm template` does.
      let engineStart = Stamp()
      _ = try renderer.renderTemplates(chart, values: values)
      engines.add(since: engineStart)
      let renderStart = Stamp()
      let result = try renderer.render(chart, values: values)
      _ = try result.text()
      renders.add(since: renderStart)
    }
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    StandardStreams.writeError(
      "load_ms=\(loads.wall) engine_ms=\(engines.wall) render_ms=\(renders.wall) load_cpu_ms=\(loads.cpu) "
        + "engine_cpu_ms=\(engines.cpu) render_cpu_ms=\(renders.cpu) "
        + "iterations=\(loads.count) max_rss_kb=\(usage.ru_maxrss)\n")
  }

  struct Stamp {
    let wall = Stamp.now(CLOCK_MONOTONIC)
    let cpu = Stamp.now(CLOCK_PROCESS_CPUTIME_ID)

    static func now(_ clock: clockid_t) -> Double {
      var spec = timespec()
      clock_gettime(clock, &spec)
      return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1e6
    }
  }

  struct Samples {
    var walls: [Double] = []
    var cpus: [Double] = []
    var count: Int { walls.count }
    var wall: Double { Self.median(walls) }
    var cpu: Double { Self.median(cpus) }

    mutating func add(since start: Stamp) {
      let end = Stamp()
      walls.append(end.wall - start.wall)
      cpus.append(end.cpu - start.cpu)
    }

    static func median(_ samples: [Double]) -> Double {
      let sorted = samples.sorted()
      return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
  }
}

import Synchronization
import Testing

@testable import Engine

@Suite("apply context progress")
struct ApplyContextProgressTests {
  @Test("a step's own progress (a builder's latest line) is a waiting event with the step's elapsed time")
  func progress() {
    let clock = TestClock()
    let events = Mutex<[ProgressEvent]>([])
    let address = Address("image", "pi")
    let context = ApplyContext(
      address: address, action: .create, clock: clock, emit: { event in events.withLock { $0.append(event) } }
    )
    clock.advance(by: .seconds(12))
    context.progress("STEP 2/3: COPY pi.py /opt/spark/work-dir/pi.py")
    #expect(
      events.withLock { $0 }
        == [.waiting(address, state: "STEP 2/3: COPY pi.py /opt/spark/work-dir/pi.py", elapsed: .seconds(12))]
    )
    var renderer = ProgressRenderer()
    _ = renderer.line(for: .started(address, .create))
    #expect(
      renderer.line(for: events.withLock { $0 }[0])
        == "image.pi: Still creating... [12s elapsed] (STEP 2/3: COPY pi.py /opt/spark/work-dir/pi.py)")
  }
}

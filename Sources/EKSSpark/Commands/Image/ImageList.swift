import ArgumentParser
import Stack

/// `eks-spark image list`: each image's content tag and whether it is pushed.
struct ImageListCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List the stack's images: repository, content tag, digest, and whether it is pushed.",
    discussion: """
      Hashes each image's inputs (no build) and asks its ECR repository whether that \
      content tag is there. Reads only.

      Examples:
        eks-spark image list -f stack.yaml
        eks-spark image list -f stack.yaml -o json | jq -r '.[] | select(.pushed | not) | .name'
      """)

  @OptionGroup var options: StackOptions

  func run() async throws {
    let printer = DiagnosticPrinter.standardError()
    let service = try options.service()
    printer.print(service.warnings)
    let preflight = try await service.preflight()
    printer.print(preflight.notes)
    let images = try await service.imageStatuses(preflight)
    print(try DataOutput.render(images, as: options.output) { ImageTable().render(images) })
  }
}

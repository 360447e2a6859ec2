import ArgumentParser
import Stack

/// `eks-spark image build`: apply targeted at the images and their repositories.
struct ImageBuildCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build",
    abstract: "Build (or assemble) and push the stack's images whose inputs changed.",
    discussion: """
      An apply limited to the named images (all of them when none is named) and their \
      ECR repositories. An image whose content tag (a digest of its Dockerfile, context \
      and build args, or of its base, files and config) is in the repository already is \
      left alone. Confirmation, locking and Ctrl-C behave as in apply.

      Examples:
        eks-spark image build -f stack.yaml
        eks-spark image build pi -f stack.yaml --auto-approve
      """)

  @Argument(help: ArgumentHelp("The images to build (default: all of images[]).", valueName: "name"))
  var names: [String] = []

  @OptionGroup var options: StackOptions
  @OptionGroup var write: WriteOptions

  func run() async throws {
    let service = try options.service()
    let flow = WriteFlow(
      service: service, mode: .apply, write: write, output: options.output,
      targets: try service.imageTargets(names) + write.targets)
    try await flow.run()
  }
}

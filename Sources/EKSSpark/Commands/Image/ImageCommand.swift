import ArgumentParser

/// `eks-spark image`: the stack's job images.
struct ImageCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "image",
    abstract: "Build, push and list the stack's job images.",
    discussion: """
      Each entry of images[] is built from a Dockerfile (buildah, podman or docker) or \
      assembled natively from a base image and files, and pushed to its ECR repository \
      under a tag that is a digest of its inputs: an unchanged image is never rebuilt or \
      pushed. apply does the same before the jobs that use the images.

      Examples:
        eks-spark image build -f stack.yaml
        eks-spark image build pi -f stack.yaml --auto-approve
        eks-spark image list -f stack.yaml -o json
      """,
    subcommands: [ImageBuildCommand.self, ImageListCommand.self])
}

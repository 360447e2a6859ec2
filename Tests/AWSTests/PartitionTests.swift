import Testing

@testable import AWS

@Test(
  "regions map to their partition",
  arguments: [
    ("eu-west-1", "aws"), ("us-east-1", "aws"), ("cn-north-1", "aws-cn"),
    ("cn-northwest-1", "aws-cn"), ("us-gov-west-1", "aws-us-gov"),
  ])
func partitionOfRegion(region: String, partition: String) {
  #expect(Partition.of(region: region).id == partition)
}
